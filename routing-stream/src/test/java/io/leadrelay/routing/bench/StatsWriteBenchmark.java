package io.leadrelay.routing.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.InboundDecoder;
import io.leadrelay.routing.kafka.PartnerStatsUpdater;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.Inbound;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.partner.PartnerStatsBook;
import io.leadrelay.routing.stats.Contribution;
import io.leadrelay.routing.stats.DataOutputFormat;
import io.leadrelay.routing.stats.LeadFacts;
import io.leadrelay.routing.stats.LeadStatsTracker;
import io.leadrelay.routing.stats.LifecycleHistory;
import io.leadrelay.routing.stats.StatsSettings;
import io.leadrelay.routing.stats.StatsSignals;
import io.leadrelay.routing.stats.StatsTopology;
import io.leadrelay.routing.stats.Tally;
import io.leadrelay.routing.stats.TallySerde;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;

/**
 * CPU cost of the aggregates' write path on one thread (TopologyTestDriver, in-memory stores: the driver flushes
 * stores after every record, which makes RocksDB's flushes most of the time; no changelogs, no publishing): a generated lifecycle history through {@code stats-lead-facts} →
 * {@code stats-contributions} → {@code stats-aggregates}, and assignment events (200 partners, ~50 open leads each)
 * through the partner-stats global store, in events per CPU-second of the benchmark thread. Then, in the same run,
 * the stored rows and the history's contributions encoded by {@link TallySerde} against {@link DataOutputFormat}
 * (how they were written with {@code DataOutputStream}); the run fails if their bytes differ.
 *
 * <p>Prints a digest of the aggregate, deadline and partner-stats stores' bytes: the same arguments give the same
 * digest with every version that keeps the stored formats (lead facts hold random event ids and are left out).
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.routing.bench.StatsWriteBenchmark [-Dexec.args="<events> <rounds>"]}; with
 * {@code MAVEN_OPTS=-XX:TieredStopAtLevel=1} as the services run locally.
 */
public final class StatsWriteBenchmark {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();
    private static final int PARTNERS = 200;
    private static final StatsSettings SETTINGS = new StatsSettings(StatsSettings.DEFAULT_PROBABILITIES,
            Duration.ofSeconds(5), Duration.ofSeconds(2), 100, Set.of());
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StatsWriteBenchmark() {
    }

    public static void main(String[] args) {
        BenchLogging.info();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        RoutingRules rules = RoutingRules.of(RoutingSettings.defaults());
        List<KeyValue<String, byte[]>> lifecycle = serialized(LifecycleHistory.generate(7, "", events, PARTNERS),
                LifecycleEvent::getLeadId, Topics.LEADS_LIFECYCLE.valueSerde(SERDES).serializer());
        List<KeyValue<String, byte[]>> assignments = serialized(assignments(events / 2),
                AssignmentEvent::getLeadId, Topics.LEADS_ASSIGNMENTS.valueSerde(SERDES).serializer());
        System.out.printf(Locale.ROOT, "%,d lifecycle events, %,d assignment events, %d rounds (first is warm-up), "
                + "%d cores, load %s, JVM %s%n", lifecycle.size(), assignments.size(), rounds,
                Runtime.getRuntime().availableProcessors(), loadAverage(), ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("-XX")).toList());
        List<Rate> lifecycleRates = new ArrayList<>();
        List<Rate> assignmentRates = new ArrayList<>();
        List<Tally> rows = List.of();
        for (int round = 1; round <= rounds; round++) {
            try (TopologyTestDriver driver = statsDriver(rules, round)) {
                Rate rate = measured(driver, Topics.LEADS_LIFECYCLE.name(), lifecycle);
                String digest = digest(driver, StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS,
                        StoreNames.STATS_FORECAST, StoreNames.STATS_DEADLINES);
                rows = rows(driver);
                System.out.printf(Locale.ROOT, "round %d: lifecycle %s (%,d rows, stores %s)%n", round, rate,
                        rows.size(), digest);
                lifecycleRates.add(rate);
            }
            try (TopologyTestDriver driver = partnerStatsDriver(rules, round)) {
                Rate rate = measured(driver, Topics.LEADS_ASSIGNMENTS.name(), assignments);
                System.out.printf(Locale.ROOT, "round %d: assignments %s (partner stats %s)%n", round, rate,
                        digest(driver, StoreNames.PARTNER_STATS));
                assignmentRates.add(rate);
            }
        }
        System.out.printf(Locale.ROOT, "median after warm-up: lifecycle %s; assignments %s; load %s%n",
                Rate.median(lifecycleRates), Rate.median(assignmentRates), loadAverage());
        encoding(rows, contributions(rules, events), rounds);
    }

    /** Stored rows and contributions encoded both ways, alternating; fails on the first differing bytes. */
    private static void encoding(List<Tally> rows, List<Contribution> contributions, int rounds) {
        Serializer<Contribution> contribution = TallySerde.contributionSerde().serializer();
        for (Tally row : rows) {
            check(TallySerde.write(row), DataOutputFormat.tally(row), row);
        }
        for (Contribution c : contributions) {
            check(contribution.serialize("t", c), DataOutputFormat.contribution(c), c.rows);
        }
        long bytes = rows.stream().mapToLong(r -> TallySerde.write(r).length).sum();
        System.out.printf(Locale.ROOT, "encoding (%,d stored rows, %,d bytes; %,d contributions): ns per row, "
                + "ns per contribution%n", rows.size(), bytes, contributions.size());
        int repeat = Math.max(1, 2_000_000 / Math.max(1, rows.size() + contributions.size()));
        for (int round = 1; round <= rounds; round++) {
            double rowsNew = nanosEach(rows, repeat, TallySerde::write);
            double rowsOld = nanosEach(rows, repeat, DataOutputFormat::tally);
            double cNew = nanosEach(contributions, repeat, c -> contribution.serialize("t", c));
            double cOld = nanosEach(contributions, repeat, DataOutputFormat::contribution);
            System.out.printf(Locale.ROOT, "round %d: rows TallySerde %,.0f, DataOutputStream %,.0f | contributions "
                    + "TallySerde %,.0f, DataOutputStream %,.0f%n", round, rowsNew, rowsOld, cNew, cOld);
        }
    }

    private static void check(byte[] written, byte[] reference, Object what) {
        if (!Arrays.equals(written, reference)) {
            throw new IllegalStateException("bytes differ from DataOutputStream's for " + what);
        }
    }

    private static <T> double nanosEach(List<T> items, int repeat, Function<T, byte[]> encode) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long sink = 0;
        for (int r = 0; r < repeat; r++) {
            for (T item : items) {
                sink += encode.apply(item).length;
            }
        }
        if (sink == 0 && !items.isEmpty()) {
            throw new IllegalStateException("nothing encoded");
        }
        return (THREADS.getCurrentThreadCpuTime() - cpu) / (double) repeat / Math.max(1, items.size());
    }

    /** Events per CPU-second of this thread, and bytes it allocated per event (steady whatever the machine's load). */
    private record Rate(double perCpuSecond, double bytesPerEvent) {

        static Rate median(List<Rate> rounds) {
            List<Rate> measured = rounds.size() > 1 ? rounds.subList(1, rounds.size()) : rounds;
            double[] cpu = measured.stream().mapToDouble(Rate::perCpuSecond).sorted().toArray();
            double[] bytes = measured.stream().mapToDouble(Rate::bytesPerEvent).sorted().toArray();
            return new Rate(cpu[cpu.length / 2], bytes[bytes.length / 2]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f events per CPU-second, %,.0f bytes allocated per event",
                    perCpuSecond, bytesPerEvent);
        }
    }

    private static Rate measured(TopologyTestDriver driver, String topic, List<KeyValue<String, byte[]>> records) {
        TestInputTopic<String, byte[]> in = driver.createInputTopic(topic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (KeyValue<String, byte[]> r : records) {
            in.pipeInput(r.key, r.value);
        }
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
        return new Rate(records.size() / (cpuNanos / 1e9),
                (THREADS.getCurrentThreadAllocatedBytes() - allocated) / (double) records.size());
    }

    /** The stats half of the routing topology alone, fed decoded lifecycle events as the router's input is. */
    private static TopologyTestDriver statsDriver(RoutingRules rules, int round) {
        StreamsBuilder builder = new StreamsBuilder();
        var lifecycle = builder.stream(Topics.LEADS_LIFECYCLE.name(), Consumed.with(Serdes.String(),
                Serdes.ByteArray())).process(() -> new InboundDecoder<>(Inbound.Kind.LIFECYCLE,
                        Topics.LEADS_LIFECYCLE.valueSerde(SERDES).deserializer()));
        new StatsTopology(SETTINGS, rules.euro(), StatsSignals.NONE, SERDES, Stores::inMemoryKeyValueStore, false)
                .attach(builder, lifecycle);
        return new TopologyTestDriver(builder.build(), props("stats-write-bench-" + round), LifecycleHistory.START);
    }

    /** The partner-stats global store as the routing topology declares it. */
    private static TopologyTestDriver partnerStatsDriver(RoutingRules rules, int round) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PARTNER_STATS),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), Topics.LEADS_ASSIGNMENTS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()), () -> new PartnerStatsUpdater(
                        Topics.LEADS_ASSIGNMENTS.valueSerde(SERDES).deserializer(),
                        rules.settings().scoring().fairnessWindow(), new PartnerStatsBook()));
        return new TopologyTestDriver(builder.build(), props("partner-stats-bench-" + round), LifecycleHistory.START);
    }

    /**
     * Leads offered to three partners each; 100 leads later one accepts and the others are withdrawn, 10,000 leads
     * later it is closed or returned: about 50 open leads per partner, which a partner's record carries.
     */
    private static List<AssignmentEvent> assignments(int leads) {
        List<AssignmentEvent> out = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            Instant at = LifecycleHistory.START.plusSeconds(30L * i);
            for (String p : partners(i)) {
                out.add(assignment(i, p, AssignmentEventType.OFFERED, LeadState.OFFERED, null, at));
            }
            if (i >= 100) {
                String[] ps = partners(i - 100);
                out.add(assignment(i - 100, ps[0], AssignmentEventType.ACCEPTED, LeadState.ACCEPTED, null, at));
                out.add(assignment(i - 100, ps[1], AssignmentEventType.WITHDRAWN, LeadState.OFFERED, "OFFER_TAKEN",
                        at));
                out.add(assignment(i - 100, ps[2], AssignmentEventType.WITHDRAWN, LeadState.OFFERED, "OFFER_TAKEN",
                        at));
            }
            if (i >= 10_000) {
                int lead = i - 10_000;
                String p = partners(lead)[0];
                out.add(lead % 10 == 0 ? assignment(lead, p, AssignmentEventType.RETURNED, LeadState.RETURNED,
                        "NOT_REACHABLE", at) : assignment(lead, p, AssignmentEventType.CLOSED, LeadState.WON,
                                lead % 3 == 0 ? "WON" : "LOST", at));
            }
        }
        return out;
    }

    private static String[] partners(int lead) {
        return new String[] { "p-" + lead % PARTNERS, "p-" + (lead * 7 + 1) % PARTNERS,
                "p-" + (lead * 13 + 2) % PARTNERS };
    }

    private static AssignmentEvent assignment(int lead, String partner, AssignmentEventType type, LeadState state,
            String reason, Instant at) {
        return AssignmentEvent.newBuilder().setEventId(lead + "/" + partner + "/" + type)
                .setLeadId(UUID.nameUUIDFromBytes(("lead-" + lead).getBytes(StandardCharsets.UTF_8)).toString())
                .setPartnerId(partner).setType(type).setAt(at).setState(state).setReason(reason).build();
    }

    /** Every contribution the stream forwards for the history (as the tracker computes them). */
    private static List<Contribution> contributions(RoutingRules rules, int events) {
        LeadStatsTracker tracker = new LeadStatsTracker(rules.euro());
        Map<String, LeadFacts> known = new java.util.HashMap<>();
        List<Contribution> out = new ArrayList<>();
        for (LifecycleEvent e : LifecycleHistory.generate(7, "", events, PARTNERS)) {
            LeadStatsTracker.Result r = tracker.apply(known.get(e.getLeadId()), e);
            known.put(e.getLeadId(), r.facts());
            Map<String, Contribution> byKey = new java.util.TreeMap<>();
            r.contributions().forEach((row, tally) -> byKey.computeIfAbsent(Contribution.routingKey(row),
                    k -> new Contribution()).rows.put(row, tally));
            out.addAll(byKey.values());
        }
        return out;
    }

    private static List<Tally> rows(TopologyTestDriver driver) {
        List<Tally> rows = new ArrayList<>();
        for (String store : List.of(StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS, StoreNames.STATS_FORECAST)) {
            KeyValueStore<String, Tally> kv = driver.getKeyValueStore(store);
            try (KeyValueIterator<String, Tally> it = kv.all()) {
                it.forEachRemaining(e -> {
                    e.value.counts();
                    rows.add(e.value);
                });
            }
        }
        return rows;
    }

    /** SHA-256 over the stores' keys and values as stored (innermost, byte-level store). */
    @SuppressWarnings("unchecked")
    private static String digest(TopologyTestDriver driver, String... stores) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : stores) {
                StateStore store = driver.getAllStateStores().get(name);
                while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
                    store = wrapped.wrapped();
                }
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                try (KeyValueIterator<Bytes, byte[]> it = ((KeyValueStore<Bytes, byte[]>) store).all()) {
                    it.forEachRemaining(e -> {
                        sha.update(e.key.get());
                        sha.update(e.value);
                    });
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <V> List<KeyValue<String, byte[]>> serialized(List<V> values, Function<V, String> key,
            Serializer<V> serializer) {
        return values.stream().map(v -> KeyValue.pair(key.apply(v), serializer.serialize("t", v))).toList();
    }

    private static Properties props(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
