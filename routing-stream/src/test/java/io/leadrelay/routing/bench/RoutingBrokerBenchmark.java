package io.leadrelay.routing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.BoundedRocksDbMemory;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.testing.CollectedDeadLetters;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.PlainAvroSerdes;

/**
 * Routing throughput with real stream threads: the production topology as the service runs it (exactly_once_v2,
 * 100 ms commits, RocksDB stores under the service's memory budget, the dashboard aggregates on the same thread) on
 * an embedded broker, against an exactly_once_v2 pass-through application over the same records on the same broker
 * in the same run. TopologyTestDriver ({@link RoutingBenchmark}) commits after every record and spends half its time
 * in its own topic lookup, so it cannot say what the service does; this can.
 *
 * <p>Each round writes a backlog of SQL leads at once and times the application until every lead has its offer or
 * assignment committed (read by a {@code read_committed} consumer). "Per CPU-second" counts the CPU time of the
 * application's own threads only (not the broker's, which shares the JVM): what one core does for it, whatever else
 * runs on the machine.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.routing.bench.RoutingBrokerBenchmark [-Dexec.args="<leads per round> <rounds>"]}
 */
public final class RoutingBrokerBenchmark {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();
    private static final String PASS_IN = "bench.pass-through-in";
    private static final String PASS_OUT = "bench.pass-through-out";
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(5);

    private final EmbeddedKafka kafka;
    private final KafkaProducer<String, byte[]> producer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private RoutingBrokerBenchmark(EmbeddedKafka kafka) {
        this.kafka = kafka;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.info();
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(List.of(new NewTopic(PASS_IN, 6, (short) 1), new NewTopic(PASS_OUT, 6, (short) 1)));
        System.out.printf(Locale.ROOT, "%d SQL leads per round, %d partners, %d rounds (first is warm-up), %d cores, "
                + "load %s%n", leads, RoutingBenchmark.PARTNERS, rounds, Runtime.getRuntime().availableProcessors(),
                loadAverage());
        RoutingBrokerBenchmark benchmark = new RoutingBrokerBenchmark(kafka);
        benchmark.measure(leads, rounds);
        benchmark.producer.close();
        kafka.stop();
        System.exit(0);
    }

    private void measure(int leads, int rounds) throws Exception {
        for (PartnerProfile partner : RoutingBenchmark.partners()) {
            producer.send(new ProducerRecord<>(Topics.REFERENCE_PARTNERS.name(), partner.getPartnerId(), Topics
                    .REFERENCE_PARTNERS.valueSerde(SERDES).serializer().serialize(Topics.REFERENCE_PARTNERS.name(), partner)));
        }
        producer.flush();
        String routingId = "routing-bench-" + run;
        String passId = "pass-through-bench-" + run;
        double[] best = new double[4];
        try (KafkaStreams routing = start(routingTopology(), routingId);
                KafkaStreams passThrough = start(passThroughTopology(), passId)) {
            for (int round = 0; round < rounds; round++) {
                List<QualifiedLead> batch = RoutingBenchmark.leads(leads, "r" + run + "-" + round + "-");
                double[] pass = timed(passId, () -> write(PASS_IN, batch), PASS_OUT, batch);
                double[] routed = timed(routingId, () -> write(Topics.LEADS_SQL.name(), batch),
                        Topics.LEADS_ASSIGNMENTS.name(), batch);
                System.out.printf(Locale.ROOT, "round %d: routing %,.0f leads/s (%,.0f per CPU-second of its threads)"
                        + " | pass-through %,.0f rec/s (%,.0f) | load %s%n", round + 1, routed[0], routed[1],
                        pass[0], pass[1], loadAverage());
                if (round > 0 || rounds == 1) {
                    double[] all = { routed[0], routed[1], pass[0], pass[1] };
                    for (int i = 0; i < all.length; i++) {
                        best[i] = Math.max(best[i], all[i]);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "best wall: routing %,.0f leads/s; exactly-once pass-through %,.0f rec/s "
                + "(ratio %.3f)%n", best[0], best[2], best[0] / best[2]);
        System.out.printf(Locale.ROOT, "best per CPU-second of the application's threads: routing %,.0f leads; pass-through "
                + "%,.0f rec (ratio %.3f); load %s%n", best[1], best[3], best[1] / best[3], loadAverage());
    }

    private Topology routingTopology() {
        return new RoutingTopology(RoutingRules.of(RoutingSettings.defaults()), new CollectedDeadLetters(), SERDES,
                Clock.systemUTC(), true).build();
    }

    private static Topology passThroughTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PASS_IN, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-in"))
                .to(PASS_OUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-out"));
        return builder.build();
    }

    /** As the service configures it (application.properties), with a state directory of the run's own. */
    private KafkaStreams start(Topology topology, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "bench-state", applicationId).toString());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams;
    }

    /**
     * Writes a round's backlog and waits until every lead of it is in the output's committed records: leads per
     * second of wall time from the first write, and per second of the application's stream-thread CPU time.
     */
    private double[] timed(String applicationId, Runnable write, String output, List<QualifiedLead> batch)
            throws InterruptedException {
        Set<String> waiting = new HashSet<>();
        batch.forEach(lead -> waiting.add(lead.getLeadId()));
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(output));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long cpu = applicationCpu(applicationId);
            long start = System.nanoTime();
            write.run();
            long deadline = start + ROUND_LIMIT.toNanos();
            while (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " leads not through " + applicationId + " after "
                            + ROUND_LIMIT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    waiting.remove(record.key());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (applicationCpu(applicationId) - cpu) / 1e9;
            return new double[] { batch.size() / seconds, batch.size() / cpuSeconds };
        }
    }

    /**
     * CPU time of every thread of the application: stream thread, global thread, state updater and the threads of
     * its clients (they are named after the application id); the broker's and this harness's threads are not.
     */
    private static long applicationCpu(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private KafkaConsumer<String, byte[]> committedReader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void write(String topic, List<QualifiedLead> leads) {
        for (QualifiedLead lead : leads) {
            producer.send(new ProducerRecord<>(topic, lead.getLeadId(),
                    Topics.LEADS_SQL.valueSerde(SERDES).serializer().serialize(topic, lead)));
        }
        producer.flush();
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
