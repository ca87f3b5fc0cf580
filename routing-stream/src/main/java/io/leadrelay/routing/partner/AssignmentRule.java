package io.leadrelay.routing.partner;

import java.math.BigDecimal;
import java.util.List;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.Grade;

/** Assign the best partner for top grades or large volumes; otherwise offer to the top k. */
public final class AssignmentRule {

    private final RoutingSettings.Assignment settings;

    public AssignmentRule(RoutingSettings.Assignment settings) {
        this.settings = settings;
    }

    /** @param ranked best first, not empty */
    public AssignmentPlan plan(Grade grade, BigDecimal volumeEur, List<ScoredCandidate> ranked) {
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("no candidates to plan for");
        }
        if (grade != null && settings.assignGrades().contains(grade)) {
            return new AssignmentPlan(AssignmentPlan.Mode.ASSIGN, ranked.subList(0, 1), "GRADE_" + grade);
        }
        if (volumeEur != null && volumeEur.compareTo(settings.assignVolumeEur()) >= 0) {
            return new AssignmentPlan(AssignmentPlan.Mode.ASSIGN, ranked.subList(0, 1), "LARGE_VOLUME");
        }
        if (ranked.size() == 1 || settings.offerTopK() <= 1) {
            return new AssignmentPlan(AssignmentPlan.Mode.ASSIGN, ranked.subList(0, 1), "SINGLE_CANDIDATE");
        }
        return new AssignmentPlan(AssignmentPlan.Mode.OFFER, ranked.subList(0, Math.min(settings.offerTopK(),
                ranked.size())), "OFFER_TOP_K");
    }
}
