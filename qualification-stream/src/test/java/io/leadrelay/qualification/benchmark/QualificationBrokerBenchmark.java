package io.leadrelay.qualification.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.jboss.logmanager.LogContext;
import org.slf4j.LoggerFactory;

import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.support.Leads;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.qualification.topology.QualificationTopology;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.PlainAvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Qualification throughput with real stream threads: the production topology ({@link QualificationTopology}, RocksDB
 * task stores under the service's memory budget, the RocksDB company store) with the Kafka Streams settings of the
 * service's application.properties (exactly_once_v2, one stream thread, default 100 ms commits and cache) on an
 * embedded KRaft broker, against an exactly_once_v2 pass-through application (the same serialized leads decoded and
 * re-encoded with the same serde, one sink) in the same run. {@link QualificationBenchmark}
 * (TopologyTestDriver) commits after every record and compiles a regex per captured record, so it cannot say what
 * the service does; this can.
 *
 * <p>Each round generates N leads with {@link LeadMix} (the same seeded mix and 400 companies as
 * {@link QualificationBenchmark}) and, for each application in turn (alternating which goes first), writes them as a
 * backlog to its input topic while it is paused, resumes it and waits until its consumer group has committed every
 * input partition of every sub-topology (source topics and both repartition topics) up to the end. Under
 * exactly-once an input offset is committed in the same transaction as everything its processing wrote, so that is
 * the moment every output of the round is committed; the round's committed outputs are then read back and checked
 * (a lifecycle event for every lead, one pass-through record per lead).
 *
 * <p>"Per CPU-second" counts the application's own threads: every Java thread named after its application id (stream
 * thread, global thread, state updater, its clients' network and heartbeat threads) and, for qualification, RocksDB's
 * native background threads (only it has RocksDB stores). The broker shares the JVM and is not counted; nor are GC
 * and JIT. The whole JVM's CPU (broker included) is printed alongside.
 *
 * <p>Run from qualification-stream/: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.qualification.benchmark.QualificationBrokerBenchmark
 * [-Dexec.args="<leads per round> <rounds> [<warm-up rounds>]"]} (default 20000 3 1; warm-up rounds are printed but
 * left out of the summary).
 */
public final class QualificationBrokerBenchmark {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();
    private static final Serde<RawLead> RAW = Topics.LEADS_RAW.valueSerde(SERDES);
    private static final String PASS_IN = "bench.pass-through-in";
    private static final String PASS_OUT = "bench.pass-through-out";
    private static final List<String> QUALIFICATION_OUT = List.of(Topics.LEADS_LIFECYCLE.name(),
            Topics.LEADS_MQL.name(), Topics.LEADS_SQL.name(), Topics.LEADS_NURTURE.name());
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final EmbeddedKafka kafka;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private QualificationBrokerBenchmark(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.admin = kafka.admin();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        infoLogging();
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        System.out.printf(Locale.ROOT, "%s: %d leads per round, %d rounds (%d warm-up), %d companies, %d cores, "
                + "load average %s%n", now(), leads, rounds, warmUps, LeadMix.COMPANIES,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(List.of(new NewTopic(PASS_IN, Topics.LEAD_PARTITIONS, (short) 1),
                new NewTopic(PASS_OUT, Topics.LEAD_PARTITIONS, (short) 1)));
        QualificationBrokerBenchmark benchmark = new QualificationBrokerBenchmark(kafka);
        try {
            benchmark.measure(leads, rounds, warmUps);
        } finally {
            benchmark.producer.close();
            benchmark.admin.close();
            kafka.stop();
        }
        System.out.printf(Locale.ROOT, "%s: done, load average %s%n", now(), loadAverage());
    }

    /**
     * Benchmarks run outside Quarkus, where the JBoss log manager has no configuration and Kafka's per-record trace
     * messages are formatted and dropped; the service logs at INFO, so the benchmark does too, and says so.
     */
    private static void infoLogging() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
        System.out.printf("log level INFO (kafka trace enabled: %s, debug enabled: %s)%n",
                LoggerFactory.getLogger("org.apache.kafka").isTraceEnabled(),
                LoggerFactory.getLogger("org.apache.kafka").isDebugEnabled());
    }

    private void measure(int leads, int rounds, int warmUps) throws Exception {
        LeadMix mix = new LeadMix();
        LeadMix.companies().forEach(company -> producer.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(),
                company.getDomain(), Topics.REFERENCE_COMPANIES.valueSerde(SERDES).serializer()
                        .serialize(Topics.REFERENCE_COMPANIES.name(), company))));
        producer.flush();
        List<double[]> measured = new ArrayList<>();
        Map<String, Long> written = new TreeMap<>();
        long qualified = 0;
        try (App qualification = new App("qualification-bench-" + run, qualificationTopology(), true);
                App passThrough = new App("pass-through-bench-" + run, passThroughTopology(), false)) {
            for (int round = 0; round < rounds; round++) {
                List<KeyValue<String, byte[]>> batch = new ArrayList<>(leads);
                for (int i = 0; i < leads; i++) {
                    RawLead lead = mix.next();
                    batch.add(KeyValue.pair(lead.getLeadId(),
                            RAW.serializer().serialize(Topics.LEADS_RAW.name(), lead)));
                }
                boolean warmUp = round < Math.min(warmUps, rounds - 1);
                Map<String, Long> counted = warmUp ? new HashMap<>() : written;
                boolean passThroughFirst = round % 2 == 0;
                RateSample first = passThroughFirst ? passThrough(passThrough, batch)
                        : qualification(qualification, batch, counted);
                RateSample second = passThroughFirst ? qualification(qualification, batch, counted)
                        : passThrough(passThrough, batch);
                RateSample pass = passThroughFirst ? first : second;
                RateSample q = passThroughFirst ? second : first;
                System.out.printf(Locale.ROOT, "%s round %d%s (%s first): qualification %s | pass-through %s | "
                        + "ratio per app CPU %.3f, wall %.3f | load %s%n", now(), round + 1, warmUp ? " warm-up" : "",
                        passThroughFirst ? "pass-through" : "qualification", q, pass,
                        q.perCpuSecond() / pass.perCpuSecond(), q.perWallSecond() / pass.perWallSecond(),
                        loadAverage());
                if (!warmUp) {
                    measured.add(new double[] {q.perCpuSecond(), q.perWallSecond(), q.perJvmCpuSecond(),
                            pass.perCpuSecond(), pass.perWallSecond(), pass.perJvmCpuSecond()});
                    qualified += leads;
                }
            }
        }
        summary(measured, written, qualified);
        System.out.println("leads generated by kind: " + new TreeMap<>(mix.generated()));
    }

    private static void summary(List<double[]> measured, Map<String, Long> written, long qualified) {
        String[] rows = {"per CPU-second of the application's threads", "wall clock",
                "per CPU-second of the whole JVM (broker, GC, JIT included)"};
        for (String statistic : List.of("median", "best")) {
            System.out.printf(Locale.ROOT, "%s of %d measured round(s):%n", statistic, measured.size());
            for (int i = 0; i < rows.length; i++) {
                int column = i;
                double q = "median".equals(statistic) ? median(measured, m -> m[column])
                        : measured.stream().mapToDouble(m -> m[column]).max().orElse(0);
                double pass = "median".equals(statistic) ? median(measured, m -> m[column + 3])
                        : measured.stream().mapToDouble(m -> m[column + 3]).max().orElse(0);
                System.out.printf(Locale.ROOT, "  %-60s qualification %,8.0f leads/s  pass-through %,9.0f rec/s  "
                        + "ratio %.3f%n", rows[i], q, pass, q / pass);
            }
        }
        System.out.print("qualification output records per lead (committed, measured rounds):");
        written.forEach((topic, count) -> System.out.printf(Locale.ROOT, " %s %.2f", topic,
                count / (double) qualified));
        System.out.println();
    }

    private Topology qualificationTopology() {
        Properties streams = serviceStreamsConfig();
        // The lead mix dates purchase decisions relative to Leads.NOW, as QualificationBenchmark's clock does, so
        // the decision window splits the leads as the mix intends.
        return QualificationTopology.build(SERDES, TestConfig.rules(), new MutableClock(Leads.NOW),
                TestConfig.config(Map.of()).punctuationInterval(), new QualificationTopology.Wiring(
                        QualificationTopology.storesOf(streams), (key, value, headers) -> {
                            throw new IllegalStateException("the benchmark's company source is readable");
                        }, new QualificationCounters(new SimpleMeterRegistry())));
    }

    private static Topology passThroughTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PASS_IN, Consumed.with(Serdes.String(), RAW).withName("bench-in"))
                .to(PASS_OUT, Produced.with(Serdes.String(), RAW).withName("bench-out"));
        return builder.build();
    }

    private RateSample qualification(App app, List<KeyValue<String, byte[]>> batch, Map<String, Long> written)
            throws Exception {
        Map<TopicPartition, Long> from = endOffsets(partitionsOf(QUALIFICATION_OUT));
        RateSample sample = app.drain(Topics.LEADS_RAW.name(), batch);
        Set<String> withoutEvent = batch.stream().map(record -> record.key)
                .collect(Collectors.toCollection(HashSet::new));
        readCommitted(from, record -> {
            written.merge(record.topic(), 1L, Long::sum);
            if (record.topic().equals(Topics.LEADS_LIFECYCLE.name())) {
                withoutEvent.remove(record.key());
            }
        });
        if (!withoutEvent.isEmpty()) {
            throw new IllegalStateException(withoutEvent.size() + " leads have no committed lifecycle event, e.g. "
                    + withoutEvent.iterator().next());
        }
        return sample;
    }

    private RateSample passThrough(App app, List<KeyValue<String, byte[]>> batch) throws Exception {
        Map<TopicPartition, Long> from = endOffsets(partitionsOf(List.of(PASS_OUT)));
        RateSample sample = app.drain(PASS_IN, batch);
        long[] out = new long[1];
        readCommitted(from, record -> out[0]++);
        if (out[0] != batch.size()) {
            throw new IllegalStateException("pass-through committed " + out[0] + " records for " + batch.size());
        }
        return sample;
    }

    /** Reads what was committed to the partitions since the given offsets, up to their current ends. */
    private void readCommitted(Map<TopicPartition, Long> from, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                consumer.poll(Duration.ofMillis(100)).forEach(each);
            }
        }
    }

    private Set<TopicPartition> partitionsOf(List<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    /** Log end offsets (uncommitted records and transaction markers included). */
    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }


    /** A Kafka Streams application as the service configures it, paused whenever it is not being measured. */
    private final class App implements AutoCloseable {

        private final String id;
        private final boolean countsRocksDb;
        private final KafkaStreams streams;
        private final Set<TopicPartition> inputs;

        App(String id, Topology topology, boolean countsRocksDb) throws InterruptedException {
            this.id = id;
            this.countsRocksDb = countsRocksDb;
            Properties props = serviceStreamsConfig();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "bench-state").toString());
            streams = new KafkaStreams(topology, props);
            streams.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (streams.state().hasCompletedShutdown() || streams.state() == KafkaStreams.State.PENDING_ERROR
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException(id + " did not start: " + streams.state());
                }
                Thread.sleep(POLL_MILLIS);
            }
            streams.pause();
            // Every input partition of every sub-topology, repartition topics included (one instance has all tasks).
            inputs = streams.metadataForLocalThreads().stream()
                    .flatMap(thread -> thread.activeTasks().stream())
                    .flatMap(task -> task.topicPartitions().stream())
                    .collect(Collectors.toSet());
        }

        /**
         * Writes the backlog while the application is paused, resumes it and waits until its group has committed
         * every input partition to the end; pauses it again. The application's CPU counts from before the write
         * (the paused application fetches meanwhile), wall time and the JVM's CPU from the resume.
         */
        RateSample drain(String topic, List<KeyValue<String, byte[]>> batch) throws Exception {
            long cpu = cpuNanos();
            for (KeyValue<String, byte[]> record : batch) {
                producer.send(new ProducerRecord<>(topic, record.key, record.value));
            }
            producer.flush();
            long jvm = OS.getProcessCpuTime();
            long start = System.nanoTime();
            long deadline = start + ROUND_LIMIT.toNanos();
            streams.resume();
            while (!caughtUp()) {
                if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                    throw new IllegalStateException(id + " not through its backlog after "
                            + Duration.ofNanos(System.nanoTime() - start) + ", state " + streams.state());
                }
                Thread.sleep(POLL_MILLIS);
            }
            long wall = System.nanoTime() - start;
            RateSample sample = new RateSample(batch.size(), wall, cpuNanos() - cpu, OS.getProcessCpuTime() - jvm);
            streams.pause();
            return sample;
        }

        /**
         * The group's committed offsets, read first, have reached the log end offsets read after them. Kafka
         * Streams commits past transaction markers (the repartition topics are written transactionally), so lag 0
         * is reached; until then some input or some transaction is still open.
         */
        private boolean caughtUp() throws ExecutionException, InterruptedException {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> end : endOffsets(inputs).entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if ((offset == null ? 0 : offset.offset()) < end.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** CPU time of the application's Java threads (named after its id) and, if it has stores, RocksDB's. */
        long cpuNanos() {
            long total = 0;
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains(id)) {
                    total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
                }
            }
            return countsRocksDb ? total + rocksDbNativeCpuNanos() : total;
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    /**
     * RocksDB's flush and compaction threads are native (named {@code rocksdb:*}), invisible to ThreadMXBean: their
     * run time from the kernel's per-thread scheduler statistics, in nanoseconds.
     */
    private static long rocksDbNativeCpuNanos() {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("rocksdb")) {
                        total += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    }
                } catch (IOException ended) {
                    // The thread ended between listing and reading: its time is gone with it.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /** The {@code kafka-streams.*} settings of the service's application.properties, prefix removed. */
    private static Properties serviceStreamsConfig() {
        Properties service = new Properties();
        try (InputStream in = QualificationBrokerBenchmark.class.getResourceAsStream("/application.properties")) {
            service.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties streams = new Properties();
        String prefix = "kafka-streams.";
        service.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> streams.put(key.substring(prefix.length()), service.getProperty(key)));
        return streams;
    }

    private static double median(List<double[]> rows, ToDoubleFunction<double[]> column) {
        double[] values = rows.stream().mapToDouble(column).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", OS.getSystemLoadAverage());
        }
    }
}
