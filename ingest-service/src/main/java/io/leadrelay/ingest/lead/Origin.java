package io.leadrelay.ingest.lead;

import io.leadrelay.schemas.Consent;

/**
 * Where a submission came in and what that source says by itself: its channel, its own lead id, whether the
 * platform marked it as a test, the consent its form carries, and the country to assume when none is given.
 */
public record Origin(String channel, String reference, String idempotencyKey, boolean platformTest,
        Consent platformConsent, String defaultCountry) {

    public static Origin of(String channel, String idempotencyKey) {
        return new Origin(channel, null, idempotencyKey, false, null, null);
    }
}
