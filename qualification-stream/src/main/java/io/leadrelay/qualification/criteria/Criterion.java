package io.leadrelay.qualification.criteria;

/** A fact marketing and sales agreed an MQL must carry (CONTRACT.md, handover 1). */
public enum Criterion {
    /** The purchase decision is known as a date (ingest resolves text to a date; null means missing). */
    DECISION_TIMING,
    /** An expected volume above zero. */
    EXPECTED_VOLUME,
    /** The product the company uses today. */
    CURRENT_PRODUCT,
    /** A syntactically valid email or an E.164 phone number, so sales can reach the person. */
    VALID_CONTACT,
    /** The person agreed to marketing contact. */
    MARKETING_CONSENT,
    /** The product line the lead is interested in (optional criterion, off by default). */
    PRODUCT_INTEREST,
    /** The company was found in the company source (optional criterion, off by default). */
    COMPANY_FOUND
}
