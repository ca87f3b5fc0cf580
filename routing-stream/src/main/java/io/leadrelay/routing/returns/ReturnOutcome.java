package io.leadrelay.routing.returns;

/** Where a returned lead goes next. */
public enum ReturnOutcome {
    NEXT_PARTNER, NURTURE, SALES_REVIEW, DISQUALIFIED, MERGED
}
