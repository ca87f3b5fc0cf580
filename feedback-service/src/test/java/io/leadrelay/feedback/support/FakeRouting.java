package io.leadrelay.feedback.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Plays routing-stream for the leads a test hands it: reads partner actions from leads.feedback and
 * leads.returns and answers each on leads.assignments with the same requestId, as routing would.
 */
public final class FakeRouting {

    /** A partner action as routing receives it. */
    public record Action(String requestId, String leadId, String partnerId, String kind) {
    }

    private static FakeRouting instance;

    private final Map<String, Function<Action, Optional<AssignmentEvent>>> scripts = new ConcurrentHashMap<>();

    private FakeRouting() {
        Thread thread = new Thread(this::run, "fake-routing");
        thread.setDaemon(true);
        thread.setContextClassLoader(FakeRouting.class.getClassLoader());
        thread.start();
    }

    public static synchronized FakeRouting get() {
        if (instance == null) {
            instance = new FakeRouting();
        }
        return instance;
    }

    /** Routing lets every action on this lead take effect. */
    public void agree(String leadId) {
        scripts.put(leadId, action -> Optional.of(effect(action)));
    }

    /** Routing refuses every action on this lead with a reason and the state the partner sees. */
    public void reject(String leadId, String reason, LeadState state) {
        scripts.put(leadId, action -> Optional.of(Assignments.event(AssignmentEventType.ACTION_REJECTED, action.leadId(),
                action.partnerId(), state).setReason(reason).setRequestId(action.requestId()).build()));
    }

    /** Routing never answers (lag): the service must answer 202. */
    public void silent(String leadId) {
        scripts.put(leadId, action -> Optional.empty());
    }

    public static AssignmentEvent effect(Action action) {
        var event = switch (action.kind()) {
            case "ACCEPT" -> Assignments.event(AssignmentEventType.ACCEPTED, action.leadId(), action.partnerId(), LeadState.ACCEPTED);
            case "PROGRESS" -> Assignments.event(AssignmentEventType.PROGRESS_RECORDED, action.leadId(), action.partnerId(), LeadState.ACCEPTED);
            case "WON" -> Assignments.event(AssignmentEventType.CLOSED, action.leadId(), action.partnerId(), LeadState.WON);
            case "LOST" -> Assignments.event(AssignmentEventType.CLOSED, action.leadId(), action.partnerId(), LeadState.LOST);
            case "RETURN" -> Assignments.event(AssignmentEventType.RETURNED, action.leadId(), action.partnerId(), LeadState.RETURNED);
            default -> throw new IllegalArgumentException(action.kind());
        };
        return event.setRequestId(action.requestId()).build();
    }

    private void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<LeadFeedback> feedback = TestKafka.deserializer(Topics.LEADS_FEEDBACK);
        Deserializer<PartnerReturn> returns = TestKafka.deserializer(Topics.LEADS_RETURNS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (String topic : List.of(Topics.LEADS_FEEDBACK.name(), Topics.LEADS_RETURNS.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Action action;
                    if (record.topic().equals(Topics.LEADS_RETURNS.name())) {
                        PartnerReturn r = returns.deserialize(record.topic(), record.value());
                        action = new Action(r.getRequestId(), r.getLeadId(), r.getPartnerId(), "RETURN");
                    } else {
                        LeadFeedback f = feedback.deserialize(record.topic(), record.value());
                        if (f.getPartnerId() == null) {
                            continue;
                        }
                        action = new Action(f.getRequestId(), f.getLeadId(), f.getPartnerId(), f.getType().name());
                    }
                    var script = scripts.get(action.leadId());
                    if (script != null) {
                        script.apply(action).ifPresent(Assignments::write);
                    }
                }
            }
        }
    }
}
