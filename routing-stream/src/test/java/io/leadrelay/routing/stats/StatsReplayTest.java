package io.leadrelay.routing.stats;

import static io.leadrelay.routing.stats.StatsAssertions.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.routing.stats.query.StatsView;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.StatsAggregate;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Replays a generated history of more than 10,000 lifecycle events through the routing topology, with a restart in
 * the middle (the first driver closed, a new one given the stats stores' contents — what Kafka Streams restores from
 * the changelogs — before it processes the rest), and compares every view, over many ranges and filters, with an
 * independent computation of the same history. {@code StatsTwoInstancesTest} restarts on a real broker.
 */
class StatsReplayTest {

    private static final StatsSettings SETTINGS = new StatsSettings(StatsSettings.DEFAULT_PROBABILITIES,
            Duration.ofSeconds(1), Duration.ofSeconds(1), 1_000_000, Set.of());
    private static List<LifecycleEvent> history;
    private static StatsOracle oracle;
    private static StatsDriver driver;

    @BeforeAll
    static void replayWithRestart() {
        history = LifecycleHistory.generate(42, "", 10_000, 12);
        assertThat(history).hasSizeGreaterThanOrEqualTo(10_000);
        oracle = new StatsOracle(history);
        int middle = history.size() / 2;
        long started = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Map<String, Map<String, Object>> stores;
        try (StatsDriver first = new StatsDriver(SETTINGS)) {
            first.pipe(history.subList(0, middle));
            stores = first.storeContents();
        }
        driver = new StatsDriver(SETTINGS);
        driver.restore(stores);
        driver.pipe(history.subList(middle, history.size()));
        System.out.printf("stats replay: %d events in %d ms (%d ms CPU)%n", history.size(),
                (System.nanoTime() - started) / 1_000_000,
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    static List<StatsRequest> ranges() {
        List<StatsRequest> out = new ArrayList<>();
        LocalDate[][] ranges = { { null, null }, { LocalDate.parse("2026-01-20"), LocalDate.parse("2026-03-10") },
                { LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28") },
                { LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-17") },
                { LocalDate.parse("2026-02-15"), null }, { null, LocalDate.parse("2026-02-15") },
                { LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31") } };
        for (LocalDate[] r : ranges) {
            out.add(new StatsRequest(r[0], r[1], null, null, null, null));
        }
        out.add(new StatsRequest(null, null, "google-ads", null, null, null));
        out.add(new StatsRequest(LocalDate.parse("2026-01-20"), LocalDate.parse("2026-03-10"), "web-form",
                "a|b%c", null, null));
        out.add(new StatsRequest(null, null, null, "autumn-fair", null, null));
        return out;
    }

    @Test
    void funnelMatchesTheIndependentComputationForEveryRangeAndFilter() {
        for (StatsRequest r : ranges()) {
            StatsAssertions.funnelMatches(answer(driver.fanOut, StatsView.FUNNEL, r, driver.now()), oracle.funnel(r),
                    "funnel " + r);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void funnelSeriesBucketsMatchTheDaysAndWeeksTheyCover() {
        StatsRequest days = new StatsRequest(LocalDate.parse("2026-02-20"), LocalDate.parse("2026-03-05"), null, null,
                null, StatsRequest.Granularity.DAY);
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) ((Map<String, Object>) answer(driver.fanOut,
                StatsView.FUNNEL, days, driver.now()).get("series")).get("buckets");
        assertThat(buckets).hasSize(14);
        for (Map<String, Object> b : buckets) {
            LocalDate day = LocalDate.parse((String) b.get("bucket"));
            StatsOracle.Funnel f = oracle.funnel(new StatsRequest(day, day, null, null, null, null));
            assertThat(b.get("entered")).as("day " + day).isEqualTo(f.entered());
            assertThat(b.get("leads")).as("day " + day).isEqualTo(f.leads());
        }
        StatsRequest weeks = new StatsRequest(LocalDate.parse("2026-02-02"), LocalDate.parse("2026-03-01"), null, null,
                null, StatsRequest.Granularity.WEEK);
        buckets = (List<Map<String, Object>>) ((Map<String, Object>) answer(driver.fanOut, StatsView.FUNNEL, weeks,
                driver.now()).get("series")).get("buckets");
        assertThat(buckets).extracting(b -> b.get("bucket")).containsExactly("2026-02-02", "2026-02-09",
                "2026-02-16", "2026-02-23");
        for (Map<String, Object> b : buckets) {
            LocalDate monday = LocalDate.parse((String) b.get("bucket"));
            StatsOracle.Funnel f = oracle.funnel(new StatsRequest(monday, monday.plusDays(6), null, null, null, null));
            assertThat(b.get("entered")).as("week " + monday).isEqualTo(f.entered());
        }
    }

    /**
     * Totals and series come from one pass over the rows: in the same answer both must still be what the leads
     * imply, for ranges with whole months and edge days, inside one month, with filters, daily and weekly.
     */
    @Test
    @SuppressWarnings("unchecked")
    void totalsAndSeriesOfOneAnswerBothMatchTheLeads() {
        LocalDate from = LocalDate.parse("2026-01-20");
        LocalDate to = LocalDate.parse("2026-03-10");
        List<StatsRequest> requests = List.of(
                new StatsRequest(from, to, null, null, null, StatsRequest.Granularity.DAY),
                new StatsRequest(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-03-11"), null, null, null,
                        StatsRequest.Granularity.DAY),
                new StatsRequest(from, to, "google-ads", null, null, StatsRequest.Granularity.DAY),
                new StatsRequest(from, to, "web-form", "a|b%c", null, StatsRequest.Granularity.WEEK),
                new StatsRequest(from, to, null, null, null, StatsRequest.Granularity.WEEK));
        for (StatsRequest r : requests) {
            Map<String, Object> body = answer(driver.fanOut, StatsView.FUNNEL, r, driver.now());
            StatsAssertions.funnelMatches(body, oracle.funnel(r), "totals of " + r);
            Map<String, Map<String, Object>> buckets = new java.util.TreeMap<>();
            for (Map<String, Object> b : (List<Map<String, Object>>) ((Map<String, Object>) body.get("series"))
                    .get("buckets")) {
                buckets.put((String) b.get("bucket"), b);
            }
            boolean weekly = r.granularity() == StatsRequest.Granularity.WEEK;
            int expectedBuckets = 0;
            for (LocalDate start = weekly ? r.from().with(java.time.DayOfWeek.MONDAY) : r.from();
                    !start.isAfter(r.to()); start = start.plusDays(weekly ? 7 : 1)) {
                LocalDate first = start.isBefore(r.from()) ? r.from() : start;
                LocalDate last = !weekly ? start : start.plusDays(6).isBefore(r.to()) ? start.plusDays(6) : r.to();
                StatsOracle.Funnel f = oracle.funnel(new StatsRequest(first, last, r.channel(), r.campaign(), null,
                        null));
                Map<String, Object> b = buckets.get(start.toString());
                if (f.leads() == 0 && f.entered().isEmpty()) {
                    assertThat(b).as(r + " bucket " + start).isNull();
                    continue;
                }
                expectedBuckets++;
                assertThat(b).as(r + " bucket " + start).isNotNull();
                assertThat(b.get("leads")).as(r + " leads " + start).isEqualTo(f.leads());
                assertThat(b.get("entered")).as(r + " entered " + start).isEqualTo(f.entered());
            }
            assertThat(buckets).as(r + " buckets").hasSize(expectedBuckets);
            assertThat(expectedBuckets).as(r + " buckets with leads").isGreaterThan(1);
        }
    }

    @Test
    void sourcesMatchTheIndependentComputation() {
        for (StatsRequest r : ranges().subList(0, 7)) {
            StatsAssertions.sourcesMatch(answer(driver.fanOut, StatsView.SOURCES, r, driver.now()),
                    oracle.sources(r));
        }
    }

    @Test
    void partnersMatchTheIndependentComputation() {
        for (StatsRequest r : ranges().subList(0, 7)) {
            StatsAssertions.partnersMatch(answer(driver.fanOut, StatsView.PARTNERS, r, driver.now()),
                    oracle.partners(r), "partners " + r);
        }
        StatsRequest one = new StatsRequest(null, null, null, null, "p-3", null);
        Map<String, Object> body = answer(driver.fanOut, StatsView.PARTNERS, one, driver.now());
        assertThat((List<?>) body.get("partners")).hasSize(1);
        StatsAssertions.partnersMatch(body, Map.of("p-3", oracle.partners(StatsRequest.ALL).get("p-3")), "p-3");
    }

    @Test
    void forecastMatchesTheIndependentComputation() {
        for (StatsRequest r : ranges()) {
            StatsAssertions.forecastMatches(answer(driver.fanOut, StatsView.FORECAST, r, driver.now()),
                    oracle.forecast(r), "forecast " + r);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void leadsPastTheirDeadlineAreListedEarliestFirst() {
        Instant now = Instant.parse("2026-04-15T00:00:00Z");
        List<Map<String, Object>> leads = new ArrayList<>();
        for (Object lead : (List<Object>) answer(driver.fanOut, StatsView.OVERDUE, StatsRequest.ALL, now)
                .get("leads")) {
            leads.add(Map.of("leadId", ((OverdueLead) lead).leadId()));
        }
        List<String> expected = oracle.overdue(now.toEpochMilli());
        assertThat(expected).isNotEmpty();
        assertThat(leads).extracting(m -> m.get("leadId")).containsExactlyElementsOf(expected);
    }

    @Test
    void statsTopicsCarryEveryRowAsStored() {
        driver.advance(Duration.ofSeconds(2));
        checkPublished(Topics.STATS_FUNNEL, StoreNames.STATS_FUNNEL);
        checkPublished(Topics.STATS_PARTNERS, StoreNames.STATS_PARTNERS);
        checkPublished(Topics.STATS_FORECAST, StoreNames.STATS_FORECAST);
    }

    private static void checkPublished(io.leadrelay.schemas.catalog.Topic<StatsAggregate> topic, String storeName) {
        Map<String, StatsAggregate> published = driver.published(topic);
        KeyValueStore<String, Tally> store = driver.driver.getKeyValueStore(storeName);
        int rows = 0;
        try (KeyValueIterator<String, Tally> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                rows++;
                StatsAggregate row = published.get(kv.key);
                assertThat(row).as(topic.name() + " " + kv.key).isNotNull();
                assertThat(row.getKey()).isEqualTo(kv.key);
                assertThat(row.getCounts()).as(topic.name() + " " + kv.key).isEqualTo(kv.value.counts());
            }
        }
        assertThat(rows).as(topic.name()).isPositive();
        published.forEach((k, v) -> assertThat(v == null || store.get(k) != null).as("row " + k).isTrue());
    }
}
