package io.leadrelay.routing.kafka;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import io.leadrelay.routing.history.HistoryCodec;
import io.leadrelay.routing.lead.Inbound;
import io.leadrelay.routing.lead.LeadCase;
import io.leadrelay.routing.lead.LeadRouter;
import io.leadrelay.routing.lead.Outbound;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.partner.PartnerStatsBook;
import io.leadrelay.routing.stats.StatsSettings;
import io.leadrelay.routing.stats.StatsSignals;
import io.leadrelay.routing.stats.StatsTopology;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;
import io.leadrelay.schemas.catalog.Topics;

/** Builds the routing topology; every node and store is named so the topology is stable across releases. */
public final class RoutingTopology {

    private final RoutingRules rules;
    private final TopicSerdes serdes;
    private final Clock clock;
    private final boolean persistent;
    private final StatsSettings statsSettings;
    private final StatsSignals statsSignals;
    private final PartnerDirectory partnerDirectory;
    private final PartnerDeadLetters partnerDeadLetters;
    private boolean statsChangelogs = true;

    /**
     * @param partnerDeadLetters where unreadable {@code reference.partners} records are parked
     * @param persistent RocksDB stores (service) or in-memory ones (benchmarks)
     */
    public RoutingTopology(RoutingRules rules, PartnerDeadLetters partnerDeadLetters, TopicSerdes serdes,
            Clock clock, boolean persistent) {
        this(rules, StatsSettings.defaults(), StatsSignals.NONE, new PartnerDirectory(), partnerDeadLetters, serdes,
                clock, persistent);
    }

    /**
     * @param statsSettings settings of the dashboard aggregates; {@code statsSignals} receives what metrics count
     * @param partnerDirectory the decoded partner directory this topology keeps (one per Kafka Streams instance)
     * @param partnerDeadLetters where unreadable {@code reference.partners} records are parked
     */
    public RoutingTopology(RoutingRules rules, StatsSettings statsSettings, StatsSignals statsSignals,
            PartnerDirectory partnerDirectory, PartnerDeadLetters partnerDeadLetters, TopicSerdes serdes,
            Clock clock, boolean persistent) {
        this.rules = rules;
        this.partnerDirectory = partnerDirectory;
        this.partnerDeadLetters = partnerDeadLetters;
        this.statsSettings = statsSettings;
        this.statsSignals = statsSignals;
        this.serdes = serdes;
        this.clock = clock;
        this.persistent = persistent;
    }

    /**
     * Stats stores without changelogs: for replays in a TopologyTestDriver (tests, benchmarks), where nothing is
     * restored from a changelog and each changelog record costs the driver more than the aggregation itself.
     */
    public RoutingTopology withoutStatsChangelogs() {
        statsChangelogs = false;
        return this;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        PartnerStatsBook partnerStats = new PartnerStatsBook();

        builder.addGlobalStore(Stores.keyValueStoreBuilder(store(StoreNames.PARTNERS), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled(), Topics.REFERENCE_PARTNERS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("reference-partners-source"),
                () -> new PartnerDirectoryUpdater(deserializer(Topics.REFERENCE_PARTNERS), partnerDirectory,
                        partnerDeadLetters, clock));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(store(StoreNames.PARTNER_STATS), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled(), Topics.LEADS_ASSIGNMENTS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("partner-stats-source"),
                () -> new PartnerStatsUpdater(deserializer(Topics.LEADS_ASSIGNMENTS),
                        rules.settings().scoring().fairnessWindow(), partnerStats));

        builder.addStateStore(Stores.keyValueStoreBuilder(store(StoreNames.LEAD_CASES), Serdes.String(),
                Json.serde(LeadCase.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(StoreNames.LEAD_PROFILES), Serdes.String(),
                AvroBinarySerde.of(QualifiedLead.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(StoreNames.LEAD_HISTORY), Serdes.String(),
                HistoryCodec.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(StoreNames.SLA_DEADLINES), Serdes.String(),
                Serdes.String()));

        KStream<String, Inbound> lifecycle = decoded(builder, Topics.LEADS_LIFECYCLE, Inbound.Kind.LIFECYCLE);
        KStream<String, Inbound> inputs = decoded(builder, Topics.LEADS_SQL, Inbound.Kind.SQL)
                .merge(decoded(builder, Topics.LEADS_RETURNS, Inbound.Kind.RETURN), Named.as("merge-returns"))
                .merge(decoded(builder, Topics.LEADS_FEEDBACK, Inbound.Kind.FEEDBACK), Named.as("merge-feedback"))
                .merge(decoded(builder, Topics.LEADS_ERASURES, Inbound.Kind.ERASURE), Named.as("merge-erasures"))
                .merge(lifecycle, Named.as("merge-lifecycle"));
        new StatsTopology(statsSettings, rules.euro(), statsSignals, serdes, this::store, statsChangelogs)
                .attach(builder, lifecycle);

        KStream<String, Outbound> outputs = inputs.process(() -> new LeadRouter(rules, clock, partnerDirectory,
                partnerStats), Named.as("lead-router"), StoreNames.LEAD_CASES,
                StoreNames.LEAD_PROFILES, StoreNames.LEAD_HISTORY, StoreNames.SLA_DEADLINES);

        var branches = outputs.split(Named.as("route-"));
        branches.branch((k, v) -> v.target() == Outbound.Target.ASSIGNMENTS,
                Branched.withConsumer(s -> sink(s, Topics.LEADS_ASSIGNMENTS), "assignments"));
        branches.branch((k, v) -> v.target() == Outbound.Target.DIRECT,
                Branched.withConsumer(s -> sink(s, Topics.LEADS_DIRECT), "direct"));
        branches.branch((k, v) -> v.target() == Outbound.Target.NURTURE,
                Branched.withConsumer(s -> sink(s, Topics.LEADS_NURTURE), "nurture"));
        branches.branch((k, v) -> v.target() == Outbound.Target.CUSTOMERS,
                Branched.withConsumer(s -> sink(s, Topics.LEADS_CUSTOMERS), "customers"));
        branches.branch((k, v) -> v.target() == Outbound.Target.LIFECYCLE,
                Branched.withConsumer(s -> sink(s, Topics.LEADS_LIFECYCLE), "lifecycle"));
        branches.defaultBranch(Branched.withConsumer(s -> s
                .mapValues(Outbound::raw, Named.as("dead-letter-bytes"))
                .to(new DeadLetterTopicExtractor(DEAD_LETTER_TOPICS, Topics.LEADS_SQL.deadLetter().name()),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-sink")),
                "dead-letters"));
        return builder.build();
    }

    /** Dead-letter topics of every input; the router addresses each dead letter to its source topic's one. */
    private static final List<String> DEAD_LETTER_TOPICS = List.of(Topics.LEADS_SQL.deadLetter().name(),
            Topics.LEADS_RETURNS.deadLetter().name(), Topics.LEADS_FEEDBACK.deadLetter().name(),
            Topics.LEADS_ERASURES.deadLetter().name(), Topics.LEADS_LIFECYCLE.deadLetter().name());

    private KStream<String, Inbound> decoded(StreamsBuilder builder, Topic<?> topic, Inbound.Kind kind) {
        String name = topic.name().replace('.', '-');
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName(name + "-source"))
                .process(() -> new InboundDecoder<>(kind, deserializer(topic)), Named.as("decode-" + name));
    }

    @SuppressWarnings("unchecked")
    private <V extends org.apache.avro.specific.SpecificRecord> void sink(KStream<String, Outbound> stream,
            Topic<V> topic) {
        String name = topic.name().replace('.', '-');
        stream.mapValues(o -> (V) o.value(), Named.as("to-" + name + "-value"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde(serdes)).withName(name + "-sink"));
    }

    private <V extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Deserializer<V>
            deserializer(Topic<V> topic) {
        return topic.valueSerde(serdes).deserializer();
    }

    private KeyValueBytesStoreSupplier store(String name) {
        return persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
