package io.leadrelay.routing.partner;

import java.util.List;

/** Eligible candidates and excluded partners, both sorted by partner id. */
public record EligibilityResult(List<Candidate> eligible, List<Exclusion> excluded) {

    public EligibilityResult {
        eligible = List.copyOf(eligible);
        excluded = List.copyOf(excluded);
    }
}
