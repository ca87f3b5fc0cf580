package io.leadrelay.routing.partner;

/**
 * A candidate's score and its parts (each 0..1), as written to the decision explanation.
 *
 * @param tieBreak hash of lead id and partner id; the lower wins an exact tie
 */
public record ScoredCandidate(Candidate candidate, double score, double tier, double fit, double load,
        double fairness, double performance, long tieBreak) {

    public String partnerId() {
        return candidate.partnerId();
    }
}
