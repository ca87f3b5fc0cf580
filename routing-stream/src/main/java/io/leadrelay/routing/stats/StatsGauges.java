package io.leadrelay.routing.stats;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.schemas.LeadState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Gauges read from this instance's aggregate stores at scrape time: leads per state (the current-state rows this
 * instance holds; sum over instances in Prometheus) and open leads of the partners listed in
 * {@code leadrelay.stats.metrics.partners} (bounded by configuration). The Kafka Streams client metrics (lag,
 * process rate, …) are bound by Quarkus's Micrometer extension ({@code kafka_stream_*}).
 */
@ApplicationScoped
public class StatsGauges {

    private static final long CACHE_MILLIS = 1000;

    @Inject
    KafkaStreams streams;

    @Inject
    MeterRegistry registry;

    @Inject
    StatsConfig config;

    @Inject
    Clock clock;

    private Map<String, Long> cached = Map.of();
    private long cachedAt = Long.MIN_VALUE;

    void register(@Observes StartupEvent start) {
        for (LeadState s : LeadState.values()) {
            if (s != LeadState.UNKNOWN) {
                Gauge.builder("leadrelay.leads.in.state", this, g -> g.read().getOrDefault("state." + s.name(), 0L))
                        .description("Leads currently in each state (rows held by this instance)")
                        .tag("state", s.name()).register(registry);
            }
        }
        for (String partner : config.settings().metricPartners()) {
            Gauge.builder("leadrelay.partner.open.leads", this, g -> g.read().getOrDefault("open|" + partner, 0L))
                    .description("Leads open with the partner (offered, assigned, accepted)")
                    .tag("partner", partner).register(registry);
        }
    }

    /** One pass over the current-state and partner rows per second at most, however many gauges are scraped. */
    private synchronized Map<String, Long> read() {
        long now = clock.millis();
        if (now - cachedAt < CACHE_MILLIS) {
            return cached;
        }
        Map<String, Long> values = new TreeMap<>();
        try {
            ReadOnlyKeyValueStore<String, Tally> funnel = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.STATS_FUNNEL, QueryableStoreTypes.<String, Tally>keyValueStore()));
            try (KeyValueIterator<String, Tally> it = funnel.range(RowKeys.CURRENT + "||",
                    RowKeys.CURRENT + "||\uffff")) {
                it.forEachRemaining(kv -> kv.value.counts().forEach((k, v) -> values.merge(k, v, Long::sum)));
            }
            ReadOnlyKeyValueStore<String, Tally> partners = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.STATS_PARTNERS, QueryableStoreTypes.<String, Tally>keyValueStore()));
            for (String partner : config.settings().metricPartners()) {
                Tally row = partners.get(RowKeys.ALL + "||" + RowKeys.encode(partner));
                if (row != null) {
                    values.put("open|" + partner, row.count("open"));
                }
            }
        } catch (InvalidStateStoreException e) {
            return cached; // restoring or rebalancing: keep the last values
        }
        cached = values;
        cachedAt = now;
        return values;
    }

}
