package io.leadrelay.harness.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.leadrelay.harness.world.SyntheticLead;

/**
 * What the harness was told by the API: every lead the ingest API acknowledged, and every partner action and its
 * answer. The chaos audit holds the topics against it. Thread-safe.
 */
public final class Ledger {

    /** A lead the ingest API acknowledged (202). */
    public record AckedLead(String leadId, SyntheticLead lead, long ackNanos) {
    }

    /** A partner action and the API's answer to it. */
    public record PartnerAction(String leadId, String partnerId, String action, int status, String requestId,
            String outcome) {
    }

    private final Map<String, AckedLead> acked = new ConcurrentHashMap<>();
    private final Map<String, String> leadByKey = new ConcurrentHashMap<>();
    private final Queue<String> keyConflicts = new ConcurrentLinkedQueue<>();
    private final Queue<String> rejections = new ConcurrentLinkedQueue<>();
    private final Queue<PartnerAction> actions = new ConcurrentLinkedQueue<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong firstAck = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAck = new AtomicLong(Long.MIN_VALUE);
    private volatile BiConsumer<String, Long> ackListener = (leadId, nanos) -> { };

    /** Called with (lead id, ack time) on every acknowledgement, e.g. to complete a latency measurement. */
    public void onAck(BiConsumer<String, Long> listener) {
        this.ackListener = listener;
    }

    void submitted() {
        submitted.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void gaveUp(SyntheticLead lead, String why) {
        gaveUp.incrementAndGet();
        if (rejections.size() < 20) {
            rejections.add("gave up on " + lead.idempotencyKey() + ": " + why);
        }
    }

    void rejected(SyntheticLead lead, int status, String body) {
        if (rejections.size() < 20) {
            rejections.add(status + " for " + lead.idempotencyKey() + ": " + body);
        }
        gaveUp.incrementAndGet();
    }

    void acked(SyntheticLead lead, String leadId, long nanos) {
        String earlier = leadByKey.putIfAbsent(lead.idempotencyKey(), leadId);
        if (earlier != null && !earlier.equals(leadId)) {
            keyConflicts.add(lead.idempotencyKey() + " -> " + earlier + " and " + leadId);
        }
        if (acked.putIfAbsent(leadId, new AckedLead(leadId, lead, nanos)) == null) {
            firstAck.accumulateAndGet(nanos, Math::min);
            lastAck.accumulateAndGet(nanos, Math::max);
            ackListener.accept(leadId, nanos);
        }
    }

    void action(PartnerAction action) {
        actions.add(action);
    }

    public Map<String, AckedLead> acked() {
        return acked;
    }

    public AckedLead acked(String leadId) {
        return acked.get(leadId);
    }

    public long ackedCount() {
        return acked.size();
    }

    public long submittedCount() {
        return submitted.get();
    }

    public long retries() {
        return retries.get();
    }

    public long gaveUpCount() {
        return gaveUp.get();
    }

    /** Idempotency keys the API answered with two different lead ids (a duplicate made by ingest). */
    public List<String> keyConflicts() {
        return List.copyOf(keyConflicts);
    }

    public List<String> rejections() {
        return List.copyOf(rejections);
    }

    public List<PartnerAction> actions() {
        return new ArrayList<>(actions);
    }

    public long actionCount() {
        return actions.size();
    }

    public long firstAckNanos() {
        return firstAck.get();
    }

    public long lastAckNanos() {
        return lastAck.get();
    }
}
