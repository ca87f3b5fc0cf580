package io.leadrelay.feedback.auth;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do: work partner leads, decide as inside sales, or administer. */
public enum Role {
    PARTNER, SALES, ADMIN;

    /** Name on the wire and in tokens: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
