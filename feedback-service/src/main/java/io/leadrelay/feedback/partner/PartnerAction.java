package io.leadrelay.feedback.partner;

import java.util.Locale;
import java.util.Set;

import io.leadrelay.schemas.LeadState;

/** What a partner can do with a lead, and in which of its states. */
public enum PartnerAction {
    ACCEPT(Set.of(LeadState.OFFERED, LeadState.ASSIGNED)),
    // Declining an offer is a return too: the reason code tells routing what to do next.
    RETURN(Set.of(LeadState.OFFERED, LeadState.ASSIGNED, LeadState.ACCEPTED)),
    PROGRESS(Set.of(LeadState.ACCEPTED)),
    CLOSE(Set.of(LeadState.ACCEPTED));

    private final Set<LeadState> allowedIn;

    PartnerAction(Set<LeadState> allowedIn) {
        this.allowedIn = allowedIn;
    }

    public boolean allowedIn(LeadState state) {
        return allowedIn.contains(state);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
