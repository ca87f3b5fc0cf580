package io.leadrelay.feedback.webhook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.feedback.partner.InboxItem;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Which assignment events are pushed to a partner system, and what it receives. Most partners have no webhook:
 * their events are recognised by the {@code partner-id} header and skipped without being decoded.
 */
public final class WebhookEvents {

    public static final Set<AssignmentEventType> PUSHED = Set.of(AssignmentEventType.OFFERED,
            AssignmentEventType.ASSIGNED, AssignmentEventType.WITHDRAWN, AssignmentEventType.RECLAIMED,
            AssignmentEventType.PROGRESS_REMINDER, AssignmentEventType.ERASED);

    private final Deserializer<AssignmentEvent> deserializer;
    private final Predicate<String> hasWebhook;
    private final ObjectMapper json;

    public WebhookEvents(Deserializer<AssignmentEvent> deserializer, Predicate<String> hasWebhook, ObjectMapper json) {
        this.deserializer = deserializer;
        this.hasWebhook = hasWebhook;
        this.json = json;
    }

    /** The delivery a record of the assignment topic needs, or null when there is nothing to push. */
    Delivery deliveryFor(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        Header addressed = record.headers().lastHeader(Topics.PARTNER_ID_HEADER);
        if (addressed != null && !hasWebhook.test(new String(addressed.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        AssignmentEvent event;
        try {
            event = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            // The inbox reader parks undecodable records; nothing to push here.
            return null;
        }
        if (event == null || !PUSHED.contains(event.getType()) || !hasWebhook.test(event.getPartnerId())) {
            return null;
        }
        try {
            byte[] body = json.writeValueAsBytes(payload(event));
            return new Delivery(record, event.getPartnerId(), event.getEventId(), event.getType().name(), body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** What a partner system receives: the event and, for offers and assignments, the lead as in the inbox. */
    static Map<String, Object> payload(AssignmentEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", event.getEventId());
        body.put("type", event.getType().name());
        body.put("leadId", event.getLeadId());
        body.put("state", event.getState().name());
        body.put("at", event.getAt().toString());
        if (event.getDeadline() != null) {
            body.put("deadline", event.getDeadline().toString());
        }
        if (event.getReason() != null) {
            body.put("reason", event.getReason());
        }
        if (event.getType() == AssignmentEventType.OFFERED || event.getType() == AssignmentEventType.ASSIGNED) {
            body.put("lead", InboxItem.ofOffer(event));
        }
        if (event.getType() == AssignmentEventType.ERASED) {
            body.put("instruction", "Delete all personal data of this lead.");
        }
        return body;
    }
}
