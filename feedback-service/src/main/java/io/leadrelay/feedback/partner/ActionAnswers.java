package io.leadrelay.feedback.partner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;

/**
 * Correlates partner actions with routing's answers on {@code leads.assignments} by request id. Waiters
 * get the answer as soon as it is applied to the inbox; the last {@code capacity} requests (most recently
 * asked or answered last) are remembered, compactly, for the status link of requests that timed out.
 */
public final class ActionAnswers {

    private final Map<String, CompletableFuture<AssignmentEvent>> waiting = new LinkedHashMap<>();
    private final Map<String, RequestStatus> remembered;

    public ActionAnswers(int capacity) {
        this.remembered = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RequestStatus> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A request of this instance, before it is written, so an answer can never arrive unseen. */
    public synchronized CompletableFuture<AssignmentEvent> expect(String requestId, String partnerId, String leadId,
            PartnerAction action) {
        CompletableFuture<AssignmentEvent> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        remembered.put(requestId, new RequestStatus(requestId, partnerId, leadId, action, null));
        return answer;
    }

    /** The request could not be written: forget it. */
    public synchronized void abandon(String requestId) {
        waiting.remove(requestId);
        remembered.remove(requestId);
    }

    /** An answer seen on the topic (for a request of any instance). */
    public void answer(AssignmentEvent event) {
        if (event.getRequestId() == null) {
            return;
        }
        CompletableFuture<AssignmentEvent> waiter;
        synchronized (this) {
            // Removed and put again, so an answer that came late is remembered as long as a fresh one.
            RequestStatus known = remembered.remove(event.getRequestId());
            PartnerAction action = known == null ? null : known.action();
            remembered.put(event.getRequestId(), new RequestStatus(event.getRequestId(), event.getPartnerId(),
                    event.getLeadId(), action, Answer.of(event)));
            waiter = waiting.remove(event.getRequestId());
        }
        if (waiter != null) {
            waiter.complete(event);
        }
    }

    /** Stops waiting (timeout); the status stays available. */
    public synchronized void stopWaiting(String requestId) {
        waiting.remove(requestId);
    }

    public synchronized Optional<RequestStatus> status(String requestId) {
        return Optional.ofNullable(remembered.get(requestId));
    }

    /** A partner request and routing's answer, once there is one. */
    public record RequestStatus(String requestId, String partnerId, String leadId, PartnerAction action,
            Answer answer) {
    }

    /** What the status link tells of routing's answer; the event's lead details are not kept. */
    public record Answer(AssignmentEventType type, LeadState state, String reason) {
        static Answer of(AssignmentEvent event) {
            return new Answer(event.getType(), event.getState(), event.getReason());
        }
    }
}
