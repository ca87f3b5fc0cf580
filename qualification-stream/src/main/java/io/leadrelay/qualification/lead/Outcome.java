package io.leadrelay.qualification.lead;

/** Where a rule assessment sends a lead. */
public enum Outcome {
    MQL,
    NURTURE,
    DISQUALIFIED
}
