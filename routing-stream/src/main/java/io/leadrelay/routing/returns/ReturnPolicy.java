package io.leadrelay.routing.returns;

import io.leadrelay.schemas.ReturnReason;

/** The contract's return reason-code table, plus the limit on partner attempts. */
public final class ReturnPolicy {

    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";

    private final int maxAttempts;

    public ReturnPolicy(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /** @param attempts partner attempts made so far, including the one being returned */
    public ReturnDecision decide(ReturnReason reason, int attempts) {
        String code = "RETURNED:" + reason.name();
        return switch (reason) {
            case PROJECT_MISMATCH, NO_CAPACITY, OUT_OF_TERRITORY, CONFLICT_OF_INTEREST -> attempts >= maxAttempts
                    ? new ReturnDecision(ReturnOutcome.SALES_REVIEW, ATTEMPTS_EXHAUSTED, false)
                    : new ReturnDecision(ReturnOutcome.NEXT_PARTNER, code, false);
            case NOT_A_LEAD -> new ReturnDecision(ReturnOutcome.DISQUALIFIED, code, true);
            case NOT_READY -> new ReturnDecision(ReturnOutcome.NURTURE, code, false);
            case UNREACHABLE, OTHER -> new ReturnDecision(ReturnOutcome.SALES_REVIEW, code, false);
            case DUPLICATE -> new ReturnDecision(ReturnOutcome.MERGED, code, false);
        };
    }

    /** Whether another partner may still be tried after {@code attempts} attempts (expiry, re-routing). */
    public boolean mayTryAnotherPartner(int attempts) {
        return attempts < maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
