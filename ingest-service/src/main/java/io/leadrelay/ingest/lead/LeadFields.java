package io.leadrelay.ingest.lead;

import java.util.Set;

/** The contract's field names of a submitted lead (CONTRACT.md, JSON shapes), flattened with dots. */
public final class LeadFields {

    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String COMPANY = "company";
    public static final String WEBSITE = "website";
    public static final String COUNTRY = "country";
    public static final String POSTAL_CODE = "postalCode";
    public static final String CITY = "city";
    public static final String PURCHASE_DECISION = "purchaseDecision";
    public static final String VOLUME_AMOUNT = "expectedVolume.amount";
    public static final String VOLUME_CURRENCY = "expectedVolume.currency";
    public static final String CURRENT_PRODUCT = "currentProduct";
    public static final String PRODUCT_INTEREST = "productInterest";
    public static final String MESSAGE = "message";
    public static final String CONSENT_MARKETING = "consent.marketing";
    public static final String CONSENT_TIMESTAMP = "consent.timestamp";
    public static final String CONSENT_TEXT = "consent.text";
    public static final String SOURCE_CHANNEL = "source.channel";
    public static final String SOURCE_CAMPAIGN = "source.campaign";
    public static final String SOURCE_REFERENCE = "source.reference";
    public static final String UTM_PREFIX = "source.utm.";
    public static final String TEST = "test";

    public static final Set<String> UTM_KEYS = Set.of("source", "medium", "campaign", "term", "content", "id");

    private LeadFields() {
    }
}
