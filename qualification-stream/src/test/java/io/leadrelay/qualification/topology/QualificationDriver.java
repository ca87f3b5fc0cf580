package io.leadrelay.qualification.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.support.Leads;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The qualification topology in a TopologyTestDriver, with a clock that moves together with its wall-clock time. */
final class QualificationDriver implements AutoCloseable {

    static final Duration PUNCTUATION = Duration.ofMinutes(1);
    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();

    final MutableClock clock = new MutableClock(Leads.NOW);
    /** Dead letters of the company source loader, as the service's producer would have sent them. */
    final List<CompanyDeadLetter> companyDeadLetters = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, RawLead> raw;
    final TestInputTopic<String, CompanyProfile> companies;
    final TestInputTopic<String, LeadFeedback> feedback;
    final TestInputTopic<String, NurtureHandoff> nurtureIn;
    final TestInputTopic<String, ErasureRequest> erasureRequests;
    final TestInputTopic<String, byte[]> rawBytes;
    final TestInputTopic<String, byte[]> companyBytes;
    final TestOutputTopic<String, QualifiedLead> mql;
    final TestOutputTopic<String, QualifiedLead> sql;
    final TestOutputTopic<String, NurtureHandoff> nurture;
    final TestOutputTopic<String, LifecycleEvent> lifecycle;
    final TestOutputTopic<String, LeadErasure> erasures;
    final TestOutputTopic<String, byte[]> rawDeadLetters;

    QualificationDriver() {
        this(Map.of());
    }

    QualificationDriver(Map<String, String> config) {
        topology = QualificationTopology.build(SERDES, TestConfig.rules(config), clock, PUNCTUATION,
                new QualificationTopology.Wiring(QualificationTopology.storesOf(Map.of()),
                        (key, value, headers) -> companyDeadLetters.add(new CompanyDeadLetter(key, value, headers)),
                        new QualificationCounters(meters)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qualification-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd", UUID.randomUUID().toString()).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props, Leads.NOW);
        raw = input(Topics.LEADS_RAW);
        companies = input(Topics.REFERENCE_COMPANIES);
        feedback = input(Topics.LEADS_FEEDBACK);
        nurtureIn = input(Topics.LEADS_NURTURE);
        erasureRequests = input(Topics.PRIVACY_ERASURE_REQUESTS);
        rawBytes = driver.createInputTopic(Topics.LEADS_RAW.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        companyBytes = driver.createInputTopic(Topics.REFERENCE_COMPANIES.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        mql = output(Topics.LEADS_MQL);
        sql = output(Topics.LEADS_SQL);
        nurture = output(Topics.LEADS_NURTURE);
        lifecycle = output(Topics.LEADS_LIFECYCLE);
        erasures = output(Topics.LEADS_ERASURES);
        rawDeadLetters = driver.createOutputTopic(Topics.LEADS_RAW.deadLetter().name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    record CompanyDeadLetter(String key, byte[] value, Headers headers) {
    }

    void send(RawLead lead) {
        raw.pipeInput(lead.getLeadId(), lead);
    }

    void company(CompanyProfile company) {
        companies.pipeInput(company.getDomain(), company);
    }

    /** Moves the clock and the driver's wall-clock time together, which fires the due-date punctuation. */
    void advance(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
    }

    List<LifecycleEvent> lifecycleOf(String leadId) {
        return lifecycle.readValuesToList().stream().filter(e -> e.getLeadId().equals(leadId)).toList();
    }

    List<TestRecord<String, LifecycleEvent>> lifecycleRecords() {
        return lifecycle.readRecordsToList();
    }

    <V extends org.apache.avro.specific.SpecificRecord> V decode(Topic<V> topic, byte[] bytes) {
        return topic.valueSerde(SERDES).deserializer().deserialize(topic.name(), bytes);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
                topic.valueSerde(SERDES).serializer(), Leads.NOW, Duration.ZERO);
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
