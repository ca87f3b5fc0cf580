package io.leadrelay.routing.returns;

/**
 * What a return leads to.
 *
 * @param reason machine-readable, e.g. RETURNED:PROJECT_MISMATCH or ATTEMPTS_EXHAUSTED
 * @param countsAgainstSource the lead itself was bad (NOT_A_LEAD): counted against its source, not the partner
 */
public record ReturnDecision(ReturnOutcome outcome, String reason, boolean countsAgainstSource) {
}
