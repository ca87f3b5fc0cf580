package io.leadrelay.harness.measure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.leadrelay.harness.drive.SimulatedPartners;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Watches Leadrelay's stage topics (read_committed): counts per stage, each lead's first offer, assignment or
 * direct handover ({@link Arrivals}), and hands offers and assignments to the simulated partners — the way partner
 * systems learn of them from {@code leads.assignments}.
 */
public final class PipelineWatch implements AutoCloseable {

    /** The stage topics, in pipeline order. */
    public static final List<String> STAGES = List.of(Topics.LEADS_RAW.name(), Topics.LEADS_MQL.name(),
            Topics.LEADS_SQL.name(), Topics.LEADS_ASSIGNMENTS.name(), Topics.LEADS_DIRECT.name(),
            Topics.LEADS_NURTURE.name(), Topics.LEADS_CUSTOMERS.name(), Topics.LEADS_LIFECYCLE.name());

    private final Arrivals routed;
    private final SimulatedPartners partners;
    private final Executor partnerExecutor;
    private final Deserializer<AssignmentEvent> assignments;
    private final TopicWatch watch;
    private final AtomicLong undecodable = new AtomicLong();

    public PipelineWatch(String bootstrap, String registryUrl, Arrivals routed, SimulatedPartners partners,
            Executor partnerExecutor) {
        this.routed = routed;
        this.partners = partners;
        this.partnerExecutor = partnerExecutor;
        this.assignments = Topics.LEADS_ASSIGNMENTS.valueSerde(new RegistrySerdes(registryUrl)).deserializer();
        this.watch = new TopicWatch(bootstrap, "pipeline", STAGES, this::handle);
    }

    public PipelineWatch start() throws InterruptedException {
        watch.start();
        return this;
    }

    private void handle(ConsumerRecord<String, byte[]> record, long nanos) {
        if (record.topic().equals(Topics.LEADS_DIRECT.name())) {
            routed.arrived(record.key(), nanos);
        } else if (record.topic().equals(Topics.LEADS_ASSIGNMENTS.name())) {
            AssignmentEvent event;
            try {
                event = assignments.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                undecodable.incrementAndGet(); // a poison pill: feedback-service parks it, we skip it
                return;
            }
            AssignmentEventType type = event.getType();
            if (type == AssignmentEventType.OFFERED || type == AssignmentEventType.ASSIGNED) {
                routed.arrived(record.key(), nanos);
                if (partners != null) {
                    String leadId = record.key();
                    String partnerId = event.getPartnerId();
                    boolean offer = type == AssignmentEventType.OFFERED;
                    partnerExecutor.execute(() -> partners.offered(leadId, partnerId, offer));
                }
            }
        }
    }

    public TopicWatch.Count count(String topic) {
        return watch.count(topic);
    }

    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() throws InterruptedException {
        watch.close();
        assignments.close();
    }
}
