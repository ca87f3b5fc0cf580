package io.leadrelay.routing.stats;

import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.leadrelay.routing.channel.EuroConverter;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.Inbound;
import io.leadrelay.schemas.StatsAggregate;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * The dashboard aggregates as part of the routing topology, fed by its decoded {@code leads.lifecycle} stream:
 * {@code stats-lead-facts} (lead-keyed, beside the lead router) → repartition {@code stats-contributions} by source or
 * partner
 * → {@code stats-aggregates} (funnel, partner and forecast stores) → {@code stats.*} topics. All stores are
 * changelogged, so they are restored on restart and move with their tasks.
 */
public final class StatsTopology {

    private final StatsSettings settings;
    private final EuroConverter euro;
    private final StatsSignals signals;
    private final TopicSerdes serdes;
    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final boolean changelogs;

    public StatsTopology(StatsSettings settings, EuroConverter euro, StatsSignals signals, TopicSerdes serdes,
            Function<String, KeyValueBytesStoreSupplier> stores, boolean changelogs) {
        this.settings = settings;
        this.euro = euro;
        this.signals = signals;
        this.serdes = serdes;
        this.stores = stores;
        this.changelogs = changelogs;
    }

    public void attach(StreamsBuilder builder, KStream<String, Inbound> lifecycle) {
        builder.addStateStore(logged(Stores.keyValueStoreBuilder(stores.apply(StoreNames.STATS_LEAD_FACTS),
                Serdes.String(), Json.serde(LeadFacts.class))));
        builder.addStateStore(logged(Stores.keyValueStoreBuilder(stores.apply(StoreNames.STATS_DEADLINES),
                Serdes.String(), Json.serde(OverdueLead.class))));
        for (String store : new String[] { StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS,
                StoreNames.STATS_FORECAST }) {
            builder.addStateStore(logged(Stores.keyValueStoreBuilder(stores.apply(store), Serdes.String(),
                    TallySerde.serde())));
        }
        LeadStatsTracker tracker = new LeadStatsTracker(euro);
        KStream<String, StatsAggregate> rows = lifecycle
                .process(() -> new LeadFactsProcessor(tracker, signals), Named.as("stats-lead-facts"),
                        StoreNames.STATS_LEAD_FACTS, StoreNames.STATS_DEADLINES)
                .repartition(Repartitioned.<String, Contribution>as(StoreNames.STATS_CONTRIBUTIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(TallySerde.contributionSerde()))
                .process(() -> new AggregateProcessor(settings.publishInterval()), Named.as("stats-aggregates"),
                        StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS, StoreNames.STATS_FORECAST);
        var views = rows.split(Named.as("stats-views-"));
        views.branch((k, v) -> k.charAt(0) == RowKeys.FUNNEL,
                Branched.withConsumer(s -> sink(s, Topics.STATS_FUNNEL), "funnel"));
        views.branch((k, v) -> k.charAt(0) == RowKeys.PARTNERS,
                Branched.withConsumer(s -> sink(s, Topics.STATS_PARTNERS), "partners"));
        views.branch((k, v) -> k.charAt(0) == RowKeys.FORECAST,
                Branched.withConsumer(s -> sink(s, Topics.STATS_FORECAST), "forecast"));
    }

    private <S extends org.apache.kafka.streams.processor.StateStore> StoreBuilder<S> logged(StoreBuilder<S> b) {
        return changelogs ? b : b.withLoggingDisabled();
    }

    private void sink(KStream<String, StatsAggregate> stream, Topic<StatsAggregate> topic) {
        String name = topic.name().replace('.', '-');
        KeyValueMapper<String, StatsAggregate, String> rowKey = (k, v) -> k.substring(1);
        stream.selectKey(rowKey, Named.as("to-" + name + "-key"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde(serdes)).withName(name + "-sink"));
    }
}
