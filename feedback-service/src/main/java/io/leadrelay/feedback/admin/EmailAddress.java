package io.leadrelay.feedback.admin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The erasure key: the email trimmed with its domain lower-cased, the same normal form ingest gives
 * contact emails, so the request finds the person's leads.
 */
public final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,253}");

    private EmailAddress() {
    }

    public static Optional<String> normalise(String raw) {
        String email = raw.strip();
        if (email.length() > 320 || !SHAPE.matcher(email).matches()) {
            return Optional.empty();
        }
        int at = email.indexOf('@');
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!MasterData.DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(email.substring(0, at) + "@" + domain);
    }
}
