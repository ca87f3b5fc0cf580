package io.leadrelay.ingest.lead;

import java.util.Set;

/** What the normaliser requires and allows; taken from configuration. */
public record NormaliserSettings(boolean consentRequired, boolean companyRequired, boolean countryRequired,
        Set<String> testEmailDomains, int maxFieldLength, int maxMessageLength) {

    public static NormaliserSettings defaults() {
        return new NormaliserSettings(true, true, true, Set.of("example.test"), 200, 5000);
    }
}
