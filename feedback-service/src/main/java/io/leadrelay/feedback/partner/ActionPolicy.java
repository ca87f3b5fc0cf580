package io.leadrelay.feedback.partner;

import java.time.Instant;
import java.util.Optional;

import io.leadrelay.schemas.LeadState;

/**
 * Whether a partner action may be sent to routing now, judged from the partner's own inbox: unknown to
 * the partner means 404 (existence does not leak), known but not in a state that allows the action means
 * 409 with the current state. Routing still has the last word.
 */
public final class ActionPolicy {

    public static final String NOT_ALLOWED_IN_STATE = "NOT_ALLOWED_IN_STATE";
    public static final String DEADLINE_PASSED = "DEADLINE_PASSED";
    public static final String NOT_HOLDER = "NOT_HOLDER";

    private ActionPolicy() {
    }

    public sealed interface Verdict permits Allowed, NotFound, NotNow {
    }

    public record Allowed(InboxEntry entry) implements Verdict {
    }

    public record NotFound() implements Verdict {
    }

    public record NotNow(LeadState state, String reason) implements Verdict {
    }

    public static Verdict check(Optional<InboxEntry> found, PartnerAction action, Instant now) {
        if (found.isEmpty()) {
            return new NotFound();
        }
        InboxEntry entry = found.get();
        if (!entry.held()) {
            return new NotNow(entry.state(), entry.reason() != null ? entry.reason() : NOT_HOLDER);
        }
        if (!action.allowedIn(entry.state())) {
            return new NotNow(entry.state(), NOT_ALLOWED_IN_STATE);
        }
        if (action == PartnerAction.ACCEPT && entry.deadline() != null && !now.isBefore(entry.deadline())) {
            return new NotNow(entry.state(), DEADLINE_PASSED);
        }
        return new Allowed(entry);
    }
}
