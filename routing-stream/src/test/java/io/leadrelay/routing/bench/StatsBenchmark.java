package io.leadrelay.routing.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.testing.CollectedDeadLetters;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.stats.LeadFacts;
import io.leadrelay.routing.stats.LeadStatsTracker;
import io.leadrelay.routing.stats.LifecycleHistory;
import io.leadrelay.routing.stats.OverdueLead;
import io.leadrelay.routing.stats.StatsSettings;
import io.leadrelay.routing.stats.StatsSignals;
import io.leadrelay.routing.stats.Tally;
import io.leadrelay.routing.stats.query.Partial;
import io.leadrelay.routing.stats.query.StatsFanOut;
import io.leadrelay.routing.stats.query.StatsRenderer;
import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.routing.stats.query.StatsView;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.testsupport.PlainAvroSerdes;

/**
 * Latency of every stats view with 100,000 leads (generated histories over three months, 4 channels × 4 campaigns)
 * and 200 partners in the stores: the rows the stream would hold are computed with {@link LeadStatsTracker} and
 * written into the topology's RocksDB stores, then each query shape is answered repeatedly through
 * {@link StatsFanOut} (store scans, merge, rendering) and serialised to JSON, as {@code /api/v1/stats/*} does on one
 * instance; HTTP itself is not included.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.routing.bench.StatsBenchmark [-Dexec.args="<leads> <iterations>"]}
 */
public final class StatsBenchmark {

    public static void main(String[] args) {
        BenchLogging.info();
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        StatsSettings settings = new StatsSettings(StatsSettings.DEFAULT_PROBABILITIES, Duration.ofSeconds(5),
                Duration.ofSeconds(2), 100, Set.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/stats-bench-state");
        RoutingRules rules = RoutingRules.of(RoutingSettings.defaults());
        try (TopologyTestDriver driver = new TopologyTestDriver(new RoutingTopology(rules, settings,
                StatsSignals.NONE, new PartnerDirectory(), new CollectedDeadLetters(), new PlainAvroSerdes(), Clock.systemUTC(), true).withoutStatsChangelogs()
                .build(), props)) {
            long started = System.nanoTime();
            int events = fill(driver, rules, leads);
            System.out.printf("stores filled: %,d leads, %,d lifecycle events, 200 partners in %.1f s%n", leads,
                    events, (System.nanoTime() - started) / 1e9);
            StatsFanOut fanOut = new StatsFanOut(new StatsFanOut.LocalStores() {
                @Override
                public ReadOnlyKeyValueStore<String, ?> store(String name, int partition) {
                    return driver.getKeyValueStore(name);
                }

                @Override
                public int partitions() {
                    return 1;
                }
            }, new StatsFanOut.Peers() {
                @Override
                public List<String> others() {
                    return List.of();
                }

                @Override
                public Partial fetch(String h, StatsView v, StatsRequest r) {
                    throw new UnsupportedOperationException();
                }
            }, settings, () -> directory(200));
            Instant now = Instant.parse("2026-04-15T00:00:00Z");
            Map<String, Object[]> queries = new LinkedHashMap<>();
            queries.put("funnel, all time", new Object[] { StatsView.FUNNEL, StatsRequest.ALL });
            queries.put("funnel, 30 days, daily series", new Object[] { StatsView.FUNNEL, range("2026-02-10",
                    "2026-03-11", null, StatsRequest.Granularity.DAY) });
            queries.put("funnel, 90 days, weekly, one channel", new Object[] { StatsView.FUNNEL, new StatsRequest(
                    LocalDate.parse("2026-01-05"), LocalDate.parse("2026-04-04"), "google-ads", null, null,
                    StatsRequest.Granularity.WEEK) });
            queries.put("sources, all time", new Object[] { StatsView.SOURCES, StatsRequest.ALL });
            queries.put("sources, 2026-01-17..2026-03-14", new Object[] { StatsView.SOURCES, range("2026-01-17",
                    "2026-03-14", null, null) });
            queries.put("partners, all time", new Object[] { StatsView.PARTNERS, StatsRequest.ALL });
            queries.put("partners, February", new Object[] { StatsView.PARTNERS, range("2026-02-01", "2026-02-28",
                    null, null) });
            queries.put("partners, 2026-01-17..2026-03-14 (worst: 2 part months)", new Object[] {
                    StatsView.PARTNERS, range("2026-01-17", "2026-03-14", null, null) });
            queries.put("partners, one partner", new Object[] { StatsView.PARTNERS, new StatsRequest(null, null,
                    null, null, "p-17", null) });
            queries.put("forecast, all", new Object[] { StatsView.FORECAST, StatsRequest.ALL });
            queries.put("overdue (100 oldest)", new Object[] { StatsView.OVERDUE, StatsRequest.ALL });
            System.out.printf("%-58s %8s %8s %8s %9s%n", "query", "p50 ms", "p99 ms", "max ms", "JSON KB");
            for (Map.Entry<String, Object[]> q : queries.entrySet()) {
                StatsView view = (StatsView) q.getValue()[0];
                StatsRequest r = (StatsRequest) q.getValue()[1];
                long[] nanos = new long[iterations];
                int bytes = 0;
                for (int i = -iterations / 4; i < iterations; i++) {
                    long t = System.nanoTime();
                    StatsFanOut.Answer a = fanOut.query(view, r, now);
                    bytes = Json.bytes(((StatsFanOut.Answer.Complete) a).body()).length;
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - t;
                    }
                }
                java.util.Arrays.sort(nanos);
                System.out.printf("%-58s %8.2f %8.2f %8.2f %9.1f%n", q.getKey(), nanos[iterations / 2] / 1e6,
                        nanos[(int) Math.ceil(iterations * 0.99) - 1] / 1e6, nanos[iterations - 1] / 1e6,
                        bytes / 1024.0);
            }
        }
    }

    private static StatsRequest range(String from, String to, String channel, StatsRequest.Granularity g) {
        return new StatsRequest(LocalDate.parse(from), LocalDate.parse(to), channel, null, null, g);
    }

    private static Map<String, StatsRenderer.PartnerInfo> directory(int partners) {
        Map<String, StatsRenderer.PartnerInfo> d = new HashMap<>();
        for (int i = 0; i < partners; i++) {
            d.put("p-" + i, new StatsRenderer.PartnerInfo("Partner " + i, 40, true));
        }
        return d;
    }

    /** The rows the stream would hold after these leads' histories, written into the driver's stores. */
    private static int fill(TopologyTestDriver driver, RoutingRules rules, int leads) {
        LeadStatsTracker tracker = new LeadStatsTracker(rules.euro());
        Map<String, TreeMap<String, Tally>> rows = new HashMap<>();
        KeyValueStore<String, LeadFacts> facts = driver.getKeyValueStore(StoreNames.STATS_LEAD_FACTS);
        KeyValueStore<String, OverdueLead> deadlines = driver.getKeyValueStore(StoreNames.STATS_DEADLINES);
        int events = 0;
        int chunk = 10_000;
        for (int from = 0; from < leads; from += chunk) {
            Map<String, LeadFacts> known = new HashMap<>();
            List<LifecycleEvent> history = LifecycleHistory.leads(from, "lead-" + from + "-", Math.min(chunk,
                    leads - from), 200);
            for (LifecycleEvent e : history) {
                LeadStatsTracker.Result result = tracker.apply(known.get(e.getLeadId()), e);
                known.put(e.getLeadId(), result.facts());
                result.contributions().forEach((key, tally) -> rows
                        .computeIfAbsent(store(key.charAt(0)), s -> new TreeMap<>())
                        .computeIfAbsent(key.substring(1), k -> new Tally()).merge(tally));
                events++;
            }
            known.forEach((id, f) -> {
                facts.put(id, f);
                if (f.deadline != null) {
                    deadlines.put(String.format("%013d|%s", f.deadline, id), new OverdueLead(id, f.state,
                            f.ownerType, f.ownerId, Instant.ofEpochMilli(f.deadline).toString(), f.channel,
                            f.campaign));
                }
            });
        }
        rows.forEach((store, entries) -> {
            KeyValueStore<String, Tally> kv = driver.getKeyValueStore(store);
            entries.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    kv.put(k, v);
                }
            });
        });
        System.out.printf("rows: %s%n", new ArrayList<>(rows.entrySet()).stream()
                .map(e -> e.getKey() + "=" + e.getValue().size()).toList());
        return events;
    }

    private static String store(char view) {
        return switch (view) {
            case 'f' -> StoreNames.STATS_FUNNEL;
            case 'p' -> StoreNames.STATS_PARTNERS;
            case 'o' -> StoreNames.STATS_FORECAST;
            default -> throw new IllegalArgumentException(String.valueOf(view));
        };
    }
}
