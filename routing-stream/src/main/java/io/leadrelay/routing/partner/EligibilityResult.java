package io.leadrelay.routing.partner;

import java.util.List;

/**
 * Eligible candidates, excluded partners of the lead's territory with every reason, and the partners outside the
 * territory (not checked further); all sorted by partner id.
 */
public record EligibilityResult(List<Candidate> eligible, List<Exclusion> excluded, List<String> outOfTerritory) {

    public EligibilityResult {
        eligible = List.copyOf(eligible);
        excluded = List.copyOf(excluded);
        outOfTerritory = List.copyOf(outOfTerritory);
    }
}
