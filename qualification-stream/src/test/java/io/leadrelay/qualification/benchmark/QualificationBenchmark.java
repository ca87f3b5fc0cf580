package io.leadrelay.qualification.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.support.Leads;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.qualification.topology.QualificationTopology;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Records/s of the full qualification path (the real topology: intake, person index, two repartitions, lead
 * qualifier, company source lookups in the RocksDB global store, every output and changelog) and, in the same run
 * and over the same serialized records, of a pass-through topology (leads.raw read and written again with the same
 * serde) as the baseline. Both run in TopologyTestDriver, which processes on the calling thread: one core. Rounds
 * alternate between the two so load changes on a shared machine hit both alike.
 *
 * <p>The task stores are in memory here, through Kafka Streams' own {@code dsl.store.suppliers.class} setting, which
 * the topology honours as the service does (where it is unset: RocksDB): TopologyTestDriver commits after every
 * record, which for RocksDB stores is a memtable flush and an fsync'd checkpoint per store per record (a few hundred
 * leads/s, all of it harness). The global company store stays RocksDB.
 *
 * <p>Not a test (surefire does not pick it up); run with {@code mvn -o -q -Pbenchmark test} (module README).
 * Arguments: records per round (default 20000), measured rounds (default 5), warm-up rounds (default 2).
 */
public final class QualificationBenchmark {

    /** The pass-through's sink; any name does, TopologyTestDriver keeps what is written in memory. */
    private static final String PASS_THROUGH_OUT = "benchmark.pass-through";
    private static final int DRAIN_EVERY = 500;
    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();

    private QualificationBenchmark() {
    }

    public static void main(String[] args) {
        // Without a configuration JBoss LogManager enables every level, and Kafka Streams' per-record TRACE
        // messages (records rendered as JSON) would be formatted, then dropped: a harness cost, not the topology's.
        org.jboss.logmanager.Logger.getLogger("").setLevel(Level.INFO);
        int perRound = arg(args, 0, 20_000);
        int rounds = arg(args, 1, 5);
        int warmups = arg(args, 2, 2);
        Serde<RawLead> rawSerde = Topics.LEADS_RAW.valueSerde(SERDES);
        LeadMix mix = new LeadMix();

        System.out.printf(Locale.ROOT, "qualification-stream benchmark: %d records/round, %d warm-up + %d measured rounds,"
                + " %d companies in the company source, %d cores, load average %.2f%n", perRound, warmups, rounds,
                LeadMix.COMPANIES, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Properties qualificationConfig = Run.config("qualification");
        qualificationConfig.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class.getName());
        try (Run passThrough = new Run(passThrough(rawSerde), Run.config("pass-through"));
                Run qualification = new Run(QualificationTopology.build(SERDES,
                        TestConfig.rules(), new MutableClock(Leads.NOW), Duration.ofMinutes(1),
                        new QualificationTopology.Wiring(QualificationTopology.storesOf(qualificationConfig),
                                (key, value, headers) -> {
                                    throw new IllegalStateException("the benchmark's company source is readable");
                                }, new QualificationCounters(new SimpleMeterRegistry()))), qualificationConfig)) {
            LeadMix.companies().forEach(company -> qualification.pipe(Topics.REFERENCE_COMPANIES.name(),
                    company.getDomain(), Topics.REFERENCE_COMPANIES.valueSerde(SERDES).serializer()
                            .serialize(Topics.REFERENCE_COMPANIES.name(), company)));
            qualification.drain();

            List<double[]> measured = new ArrayList<>();
            for (int round = 0; round < warmups + rounds; round++) {
                List<KeyValue<String, byte[]>> records = new ArrayList<>(perRound);
                for (int i = 0; i < perRound; i++) {
                    RawLead lead = mix.next();
                    records.add(KeyValue.pair(lead.getLeadId(),
                            rawSerde.serializer().serialize(Topics.LEADS_RAW.name(), lead)));
                }
                boolean passThroughFirst = round % 2 == 0;
                RateSample first = (passThroughFirst ? passThrough : qualification).measure(records);
                RateSample second = (passThroughFirst ? qualification : passThrough).measure(records);
                RateSample pt = passThroughFirst ? first : second;
                RateSample q = passThroughFirst ? second : first;
                boolean warmup = round < warmups;
                System.out.printf(Locale.ROOT, "%s %d: pass-through %s | qualification %s | ratio %.3f (thread CPU)%n",
                        warmup ? "warm-up" : "round  ", warmup ? round + 1 : round - warmups + 1, pt, q,
                        q.perCpuSecond() / pt.perCpuSecond());
                if (!warmup) {
                    measured.add(new double[] {pt.perWallSecond(), pt.perCpuSecond(), pt.perJvmCpuSecond(),
                            q.perWallSecond(), q.perCpuSecond(), q.perJvmCpuSecond()});
                }
            }

            System.out.println("median of the measured rounds (records/s):");
            String[] rows = {"wall clock", "per CPU-second of the processing thread",
                    "per CPU-second of the whole JVM (GC, JIT, RocksDB threads)"};
            for (int i = 0; i < 3; i++) {
                int column = i;
                double pt = median(measured, m -> m[column]);
                double q = median(measured, m -> m[column + 3]);
                System.out.printf(Locale.ROOT, "  %-60s pass-through %,9.0f  qualification %,9.0f  ratio %.3f%n",
                        rows[i], pt, q, q / pt);
            }
            System.out.printf(Locale.ROOT, "records written per input record (outputs, repartitions, changelogs):"
                    + " pass-through %.2f, qualification %.2f%n", passThrough.writtenPerInput(),
                    qualification.writtenPerInput());
            System.out.println("leads generated by kind: " + new TreeMap<>(mix.generated()));
            System.out.println("qualification output records by topic: " + new TreeMap<>(qualification.produced));
            System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Topology passThrough(Serde<RawLead> rawSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.LEADS_RAW.name(), Consumed.with(Serdes.String(), rawSerde))
                .to(PASS_THROUGH_OUT, Produced.with(Serdes.String(), rawSerde));
        return builder.build();
    }


    /** One topology in its own TopologyTestDriver, fed pre-serialized records; every output is drained as bytes. */
    private static final class Run implements AutoCloseable {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        final TopologyTestDriver driver;
        final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
        final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
        final Map<String, Long> produced = new HashMap<>();
        long piped;

        Run(Topology topology, Properties config) {
            driver = new TopologyTestDriver(topology, config, Leads.NOW);
        }

        static Properties config(String name) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qualification-benchmark-" + name);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "benchmark", UUID.randomUUID().toString())
                    .toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            return props;
        }

        void pipe(String topic, String key, byte[] value) {
            if (topic.equals(Topics.LEADS_RAW.name())) {
                piped++;
            }
            inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer(), Leads.NOW, Duration.ofMillis(1))).pipeInput(key, value);
        }

        /** Empties every output queue (repartition topics included, the driver keeps those too) and counts. */
        void drain() {
            for (String topic : driver.producedTopicNames()) {
                TestOutputTopic<byte[], byte[]> out = outputs.computeIfAbsent(topic, t -> driver.createOutputTopic(t,
                        Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()));
                long size = out.getQueueSize();
                if (size > 0) {
                    out.readRecordsToList();
                    produced.merge(topic, size, Long::sum);
                }
            }
        }

        double writtenPerInput() {
            return produced.values().stream().mapToLong(Long::longValue).sum() / (double) piped;
        }

        RateSample measure(List<KeyValue<String, byte[]>> records) {
            long wall = System.nanoTime();
            long thread = THREADS.getCurrentThreadCpuTime();
            long process = OS.getProcessCpuTime();
            int sinceDrain = 0;
            for (KeyValue<String, byte[]> record : records) {
                pipe(Topics.LEADS_RAW.name(), record.key, record.value);
                if (++sinceDrain == DRAIN_EVERY) {
                    drain();
                    sinceDrain = 0;
                }
            }
            drain();
            return new RateSample(records.size(), System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - thread,
                    OS.getProcessCpuTime() - process);
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static double median(List<double[]> rows, ToDoubleFunction<double[]> column) {
        double[] values = rows.stream().mapToDouble(column).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
