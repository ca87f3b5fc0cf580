package io.leadrelay.routing.partner;

import java.util.List;

/** Assign the lead to one partner, or offer it to several (first accept wins). */
public record AssignmentPlan(Mode mode, List<ScoredCandidate> partners, String reason) {

    public enum Mode {
        ASSIGN, OFFER
    }

    public AssignmentPlan {
        partners = List.copyOf(partners);
    }
}
