package io.leadrelay.routing.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.history.LeadHistory;
import io.leadrelay.routing.history.LeadView;
import io.leadrelay.routing.history.LeadViews;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.lead.LeadCase;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.CustomerHandoff;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;
import io.leadrelay.testsupport.MutableClock;

/** The routing topology in a TopologyTestDriver with a hand-moved clock, and typed access to its topics. */
public final class RoutingDriver implements AutoCloseable {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();

    public final MutableClock clock = new MutableClock(Leads.T0);
    public final CollectedDeadLetters partnerDeadLetters = new CollectedDeadLetters();
    public final TopologyTestDriver driver;
    public final Topology topology;
    public final TestInputTopic<String, QualifiedLead> sql;
    public final TestInputTopic<String, PartnerReturn> returns;
    public final TestInputTopic<String, LeadFeedback> feedback;
    public final TestInputTopic<String, PartnerProfile> partners;
    public final TestInputTopic<String, LeadErasure> erasures;
    /** Lifecycle events of other stages; the router's own are read back by the driver itself. */
    public final TestInputTopic<String, LifecycleEvent> otherStages;
    public final TestInputTopic<String, byte[]> rawFeedback;
    public final TestInputTopic<String, byte[]> rawPartners;
    public final TestOutputTopic<String, AssignmentEvent> assignments;
    public final TestOutputTopic<String, LifecycleEvent> lifecycle;
    public final TestOutputTopic<String, QualifiedLead> direct;
    public final TestOutputTopic<String, NurtureHandoff> nurture;
    public final TestOutputTopic<String, CustomerHandoff> customers;
    public final TestOutputTopic<String, byte[]> feedbackDeadLetters;

    public RoutingDriver() {
        this(RoutingSettings.defaults());
    }

    public RoutingDriver(RoutingSettings settings) {
        topology = new RoutingTopology(RoutingRules.of(settings), partnerDeadLetters, SERDES, clock, false).build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, Leads.T0);
        sql = input(Topics.LEADS_SQL);
        returns = input(Topics.LEADS_RETURNS);
        feedback = input(Topics.LEADS_FEEDBACK);
        partners = input(Topics.REFERENCE_PARTNERS);
        erasures = input(Topics.LEADS_ERASURES);
        otherStages = input(Topics.LEADS_LIFECYCLE);
        rawFeedback = driver.createInputTopic(Topics.LEADS_FEEDBACK.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        rawPartners = driver.createInputTopic(Topics.REFERENCE_PARTNERS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        assignments = output(Topics.LEADS_ASSIGNMENTS);
        lifecycle = output(Topics.LEADS_LIFECYCLE);
        direct = output(Topics.LEADS_DIRECT);
        nurture = output(Topics.LEADS_NURTURE);
        customers = output(Topics.LEADS_CUSTOMERS);
        feedbackDeadLetters = driver.createOutputTopic(Topics.LEADS_FEEDBACK.deadLetter().name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    public void partner(PartnerProfile profile) {
        partners.pipeInput(profile.getPartnerId(), profile);
    }

    public void lead(QualifiedLead lead) {
        sql.pipeInput(lead.getLeadId(), lead);
    }

    public void feedback(LeadFeedback fb) {
        feedback.pipeInput(fb.getLeadId(), fb);
    }

    public void returned(PartnerReturn ret) {
        returns.pipeInput(ret.getLeadId(), ret);
    }

    /** Moves both the injected clock and the driver's wall clock, so SLA punctuation runs at the new time. */
    public void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    public List<TestRecord<String, AssignmentEvent>> assignmentRecords() {
        return assignments.readRecordsToList();
    }

    public List<LifecycleEvent> lifecycleEvents() {
        return lifecycle.readValuesToList();
    }

    public LeadCase leadCase(String leadId) {
        KeyValueStore<String, LeadCase> store = driver.getKeyValueStore(io.leadrelay.routing.kafka.StoreNames.LEAD_CASES);
        return store.get(leadId);
    }

    /** The lead as {@code GET /api/v1/leads/{leadId}} shows it. */
    public Optional<LeadView> view(String leadId) {
        KeyValueStore<String, LeadHistory> histories = driver.getKeyValueStore(
                io.leadrelay.routing.kafka.StoreNames.LEAD_HISTORY);
        return LeadViews.of(leadId, leadCase(leadId), histories.get(leadId));
    }

    public static String header(TestRecord<String, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
                topic.valueSerde(SERDES).serializer(), clock.instant(), Duration.ZERO);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, V> output(Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde(SERDES).deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
