package io.leadrelay.routing.stats;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.testing.CollectedDeadLetters;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.stats.query.StatsFanOut;
import io.leadrelay.routing.stats.query.StatsRenderer;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.StatsAggregate;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;

/** The routing topology's aggregates in a TopologyTestDriver, queried through the same fan-out as the service. */
final class StatsDriver implements AutoCloseable {

    static final String APP = "stats-test";
    static final List<String> STATS_STORES = List.of(StoreNames.STATS_LEAD_FACTS, StoreNames.STATS_DEADLINES,
            StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS, StoreNames.STATS_FORECAST);
    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();

    final MutableClock clock = new MutableClock(LifecycleHistory.START);
    final TopologyTestDriver driver;
    final TestInputTopic<String, LifecycleEvent> lifecycle;
    final StatsFanOut fanOut;

    StatsDriver(StatsSettings settings) {
        RoutingSettings withRates = settingsWithRates();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(new RoutingTopology(RoutingRules.of(withRates), settings, StatsSignals.NONE,
                new PartnerDirectory(), new CollectedDeadLetters(), SERDES, clock, false).withoutStatsChangelogs().build(), props, LifecycleHistory.START);
        lifecycle = driver.createInputTopic(Topics.LEADS_LIFECYCLE.name(), Serdes.String().serializer(),
                Topics.LEADS_LIFECYCLE.valueSerde(SERDES).serializer());
        fanOut = new StatsFanOut(new StatsFanOut.LocalStores() {
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
            public io.leadrelay.routing.stats.query.Partial fetch(String h, io.leadrelay.routing.stats.query.StatsView v,
                    io.leadrelay.routing.stats.query.StatsRequest r) {
                throw new UnsupportedOperationException("single instance");
            }
        }, settings, () -> Map.<String, StatsRenderer.PartnerInfo>of());
    }

    /** Default routing settings with the exchange rates {@link StatsOracle} uses. */
    static RoutingSettings settingsWithRates() {
        RoutingSettings defaults = RoutingSettings.defaults();
        return new RoutingSettings(defaults.ruleVersion(), new RoutingSettings.Channels(
                defaults.channels().directRevenueThresholdEur(), defaults.channels().namedAccounts(),
                defaults.channels().unknownRevenueChannel(), Map.of("USD", new BigDecimal("0.92"), "GBP",
                        new BigDecimal("1.17"))), defaults.eligibility(), defaults.assignment(), defaults.scoring(),
                defaults.maxAttempts(), defaults.sla());
    }

    void pipe(List<LifecycleEvent> events) {
        for (LifecycleEvent e : events) {
            lifecycle.pipeInput(e.getLeadId(), e, e.getAt());
        }
    }

    void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    /**
     * Every entry of the stats stores — what their changelogs hold (the last value per key) and what Kafka Streams
     * restores a task from on restart. The driver runs without changelogs because each changelog record costs it
     * more than the aggregation; the broker test restores from real changelogs.
     */
    Map<String, Map<String, Object>> storeContents() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String store : STATS_STORES) {
            Map<String, Object> entries = new LinkedHashMap<>();
            KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
            try (var it = kv.all()) {
                it.forEachRemaining(e -> entries.put(e.key, e.value));
            }
            out.put(store, entries);
        }
        return out;
    }

    /** Fills this (fresh) driver's stats stores before it processes anything, as a restore on restart does. */
    void restore(Map<String, Map<String, Object>> contents) {
        contents.forEach((store, entries) -> {
            KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
            entries.forEach(kv::put);
        });
    }

    /** Latest record per key of a stats topic. */
    Map<String, StatsAggregate> published(io.leadrelay.schemas.catalog.Topic<StatsAggregate> topic) {
        TestOutputTopic<String, StatsAggregate> out = driver.createOutputTopic(topic.name(),
                Serdes.String().deserializer(), topic.valueSerde(SERDES).deserializer());
        Map<String, StatsAggregate> latest = new LinkedHashMap<>();
        out.readRecordsToList().forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        driver.close();
    }
}
