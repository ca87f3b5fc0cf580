package io.leadrelay.qualification.topology;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.person.PersonKey;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * The qualification topology:
 *
 * <pre>
 * leads.raw ──intake (re-key by person)──┐
 * privacy.erasure-requests ──intake──────┴─► person-commands (repartition) ─► person index ─┐
 *                                                                                            ▼
 * leads.feedback ──intake──┐                                          lead-commands (repartition, by lead id)
 * leads.nurture ──intake───┴──────────────────────────────────────────────► lead qualifier ◄─ company source (global)
 *                                                                            │ (+ wall-clock due-date punctuation)
 *                      leads.mql · leads.sql · leads.nurture · leads.lifecycle · leads.erasures · *.dlq
 * </pre>
 *
 * Both repartition topics have the lead topics' partition count, so lead-commands is co-partitioned with
 * leads.feedback and leads.nurture and one task holds every input of a lead.
 */
public final class QualificationTopology {

    private static final Logger LOG = Logger.getLogger(QualificationTopology.class);

    /** Routing's hand-backs; qualification's own nurture records leave RECEIVED or MQL (or re-date a NURTURE). */
    private static final Set<LeadState> OWN_NURTURE_FROM = Set.of(LeadState.RECEIVED, LeadState.MQL, LeadState.NURTURE);

    /** Each dead letter names its own topic (the .dlq of the topic its record came from). */
    private static final TopicNameExtractor<String, Emit.DeadLetter> DEAD_LETTER_TOPIC = new TopicNameExtractor<>() {
        @Override
        public String extract(String key, Emit.DeadLetter letter, RecordContext context) {
            return letter.topic();
        }

        @Override
        public String toString() {
            return "dead-letter-topic-of-the-record";
        }
    };

    private QualificationTopology() {
    }

    /**
     * What the topology needs from the application around it.
     *
     * @param stores             where the task stores live: Kafka Streams' own {@code dsl.store.suppliers.class}
     *                           setting (RocksDB by default), so this topology's stores follow the same setting as
     *                           any DSL store would; see {@link #storesOf(Map)}
     * @param companyDeadLetters where the company source loader parks records it cannot read
     * @param counters           test-lead and disqualification counters
     */
    public record Wiring(DslStoreSuppliers stores, CompanyDeadLetters companyDeadLetters,
            QualificationCounters counters) {
    }

    /** The store suppliers a Kafka Streams configuration names ({@code dsl.store.suppliers.class}; RocksDB if unset). */
    public static DslStoreSuppliers storesOf(Map<?, ?> streamsConfig) {
        Object configured = streamsConfig.get(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG);
        if (configured == null) {
            return new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers();
        }
        if (configured instanceof Class<?> type) {
            return Utils.newInstance(type, DslStoreSuppliers.class);
        }
        try {
            return Utils.newInstance(configured.toString().strip(), DslStoreSuppliers.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG + ": " + configured, e);
        }
    }

    public static Topology build(TopicSerdes serdes, QualificationRules rules, Clock clock,
            Duration punctuationInterval, Wiring wiring) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetters deadLetters = new DeadLetters(clock);
        Serde<String> keys = Serdes.String();
        Serde<LeadCommand> commands = Codecs.leadCommand(serdes);

        builder.addStateStore(Stores.keyValueStoreBuilder(store(wiring.stores(), Names.PERSON_INDEX_STORE),
                keys, Codecs.personRecord()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(wiring.stores(), Names.LEAD_STATE_STORE),
                keys, Codecs.leadRecord()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(wiring.stores(), Names.DUE_INDEX_STORE),
                keys, Serdes.String()));
        // The global store keeps the source's bytes as they are; they are decoded when a lead looks them up.
        Serde<CompanyProfile> companySerde = Topics.REFERENCE_COMPANIES.valueSerde(serdes);
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.COMPANY_SOURCE_STORE), keys,
                        Serdes.ByteArray()).withLoggingDisabled(),
                Topics.REFERENCE_COMPANIES.name(),
                Consumed.with(keys, Serdes.ByteArray()).withName(Names.COMPANY_LOADER),
                () -> new CompanyLoader(companySerde, wiring.companyDeadLetters(), clock));
        CompanySource companySource = new CompanySource(companySerde);

        KStream<String, Emit> rawIntake = intake(builder, serdes, clock, Topics.LEADS_RAW, Names.RAW_SOURCE,
                Names.RAW_INTAKE, (leadId, raw, payload) -> new Intake.Keyed(PersonKey.of(raw.getProfile().getContact(),
                        raw.getLeadId()), new LeadCommand(LeadCommand.Kind.RAW_LEAD, null,
                        LeadCommand.Arrival.of(raw, rules), payload)));
        KStream<String, Emit> erasureIntake = intake(builder, serdes, clock, Topics.PRIVACY_ERASURE_REQUESTS,
                Names.ERASURE_SOURCE, Names.ERASURE_INTAKE, (email, request, payload) -> {
                    String person = PersonKey.ofEmail(request.getEmail());
                    if (person == null) {
                        throw new IllegalArgumentException("erasure request without a usable email");
                    }
                    return new Intake.Keyed(person, new LeadCommand(LeadCommand.Kind.ERASURE, null, null, payload));
                });
        KStream<String, LeadCommand> personCommands = commandsOf(
                rawIntake.merge(erasureIntake, Named.as("person-intake-merge")), "person-intake")
                .repartition(Repartitioned.<String, LeadCommand>as(Names.PERSON_COMMANDS_REPARTITION)
                        .withKeySerde(keys).withValueSerde(commands).withNumberOfPartitions(Topics.LEAD_PARTITIONS));

        KStream<String, Emit> personOut = personCommands.process(() -> new PersonIndexProcessor(rules, deadLetters),
                Named.as(Names.PERSON_INDEX), Names.PERSON_INDEX_STORE);
        KStream<String, LeadCommand> leadCommands = commandsOf(personOut, "person-index-out")
                .repartition(Repartitioned.<String, LeadCommand>as(Names.LEAD_COMMANDS_REPARTITION)
                        .withKeySerde(keys).withValueSerde(commands).withNumberOfPartitions(Topics.LEAD_PARTITIONS));

        KStream<String, LeadCommand> decisions = commandsOf(intake(builder, serdes, clock, Topics.LEADS_FEEDBACK,
                Names.FEEDBACK_SOURCE, Names.FEEDBACK_INTAKE,
                (leadId, feedback, payload) -> new Intake.Keyed(leadId,
                        new LeadCommand(LeadCommand.Kind.SALES_DECISION, null, null, payload))),
                "sales-decision-intake-out");
        KStream<String, LeadCommand> handbacks = commandsOf(intake(builder, serdes, clock, Topics.LEADS_NURTURE,
                Names.NURTURE_SOURCE, Names.NURTURE_INTAKE, QualificationTopology::handback), "handback-intake-out");

        KStream<String, Emit> out = leadCommands
                .merge(decisions, Named.as("lead-inputs-merge-decisions"))
                .merge(handbacks, Named.as("lead-inputs-merge-handbacks"))
                .process(() -> new LeadProcessor(rules, deadLetters, companySource, wiring.counters(), clock,
                        punctuationInterval),
                        Named.as(Names.LEAD_PROCESSOR), Names.LEAD_STATE_STORE, Names.DUE_INDEX_STORE);
        deadLettersOf(out, "lead-qualifier-out");
        publish(out, serdes, Topics.LEADS_MQL);
        publish(out, serdes, Topics.LEADS_SQL);
        publish(out, serdes, Topics.LEADS_NURTURE);
        publish(out, serdes, Topics.LEADS_LIFECYCLE);
        publish(out, serdes, Topics.LEADS_ERASURES);
        return builder.build();
    }

    private static KeyValueBytesStoreSupplier store(DslStoreSuppliers stores, String name) {
        return stores.keyValueStore(new DslKeyValueParams(name, false));
    }

    /** Routing's hand-backs only: records qualification wrote itself are not taken back in. */
    private static Intake.Keyed handback(String leadId, NurtureHandoff handoff, Payload payload) {
        if (OWN_NURTURE_FROM.contains(handoff.getFromState())) {
            return null;
        }
        return new Intake.Keyed(leadId, new LeadCommand(LeadCommand.Kind.HANDBACK, null, null, payload));
    }

    private static <V extends SpecificRecord> KStream<String, Emit> intake(StreamsBuilder builder,
            TopicSerdes serdes, Clock clock, Topic<V> topic, String sourceName, String intakeName,
            Intake.Mapper<V> mapper) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(),
                        new DecodingSerde<>(topic.valueSerde(serdes))).withName(sourceName))
                .process(() -> new Intake<>(topic, mapper, clock), Named.as(intakeName));
    }

    /** Sends the dead letters of a stage to their topics and passes its commands on. */
    private static KStream<String, LeadCommand> commandsOf(KStream<String, Emit> emits, String stage) {
        deadLettersOf(emits, stage);
        return emits.filter((key, emit) -> emit instanceof Emit.Command, Named.as(stage + "-commands"))
                .mapValues(emit -> ((Emit.Command) emit).command(), Named.as(stage + "-unwrap"));
    }

    private static void deadLettersOf(KStream<String, Emit> emits, String stage) {
        emits.filter((key, emit) -> emit instanceof Emit.DeadLetter, Named.as(stage + "-dead-letters"))
                .mapValues(emit -> (Emit.DeadLetter) emit, Named.as(stage + "-dead-letters-unwrap"))
                .to(DEAD_LETTER_TOPIC,
                        Produced.with(Serdes.String(), Serdes.serdeFrom(
                                (topic, letter) -> letter.value(),
                                (topic, bytes) -> new Emit.DeadLetter(topic, bytes)))
                                .withName(stage + "-dead-letter-sink"));
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> void publish(KStream<String, Emit> emits, TopicSerdes serdes,
            Topic<V> topic) {
        String name = topic.name().replace('.', '-');
        emits.filter((key, emit) -> emit instanceof Emit.Publish publish && publish.topic().equals(topic),
                        Named.as(name + "-select"))
                .mapValues(emit -> (V) ((Emit.Publish) emit).value(), Named.as(name + "-unwrap"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde(serdes)).withName(name + "-sink"));
    }

    /**
     * Keeps the global company store in step with reference.companies. A record that cannot be read goes to
     * reference.companies.dlq (through {@link CompanyDeadLetters}: the global thread cannot forward) and the store
     * keeps the company's last readable record.
     */
    private static final class CompanyLoader implements Processor<String, byte[], Void, Void> {

        private final Serde<CompanyProfile> serde;
        private final CompanyDeadLetters deadLetters;
        private final Clock clock;
        private KeyValueStore<String, byte[]> store;
        private ProcessorContext<Void, Void> context;

        CompanyLoader(Serde<CompanyProfile> serde, CompanyDeadLetters deadLetters, Clock clock) {
            this.serde = serde;
            this.deadLetters = deadLetters;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(Names.COMPANY_SOURCE_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return; // a compacted topic cannot hold one; nothing to key a company by
            }
            if (record.value() == null) {
                store.delete(record.key()); // tombstone: the company left the source
                return;
            }
            try {
                serde.deserializer().deserialize(Topics.REFERENCE_COMPANIES.name(), record.value());
                store.put(record.key(), record.value());
            } catch (RuntimeException e) {
                var meta = context.recordMetadata().orElseThrow();
                LOG.errorf(e, "unreadable company record %s at %s-%d@%d sent to its dead-letter topic", record.key(),
                        meta.topic(), meta.partition(), meta.offset());
                deadLetters.send(record.key(), record.value(), DeadLetterHeaders.describe(record.headers(), e,
                        meta.topic(), meta.partition(), meta.offset(), Names.SERVICE, clock.instant()));
            }
        }
    }
}
