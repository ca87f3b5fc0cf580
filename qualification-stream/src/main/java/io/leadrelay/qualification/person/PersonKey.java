package io.leadrelay.qualification.person;

import java.util.Locale;

import io.leadrelay.schemas.Contact;

/**
 * The key of a person for duplicate merge and erasure: the normalised email, else the phone number. The email form
 * equals the key of {@code privacy.erasure-requests}, so an erasure request lands on the same person. Pure.
 */
public final class PersonKey {

    static final String PHONE_PREFIX = "tel:";
    static final String LEAD_PREFIX = "lead:";

    private PersonKey() {
    }

    /**
     * @return the person key; for a lead with neither email nor phone a key of its own ({@code lead:<id>}) so it is
     *         never merged with anyone
     */
    public static String of(Contact contact, String leadId) {
        String email = contact == null ? null : ofEmail(contact.getEmail());
        if (email != null) {
            return email;
        }
        String phone = contact == null ? null : ofPhone(contact.getPhone());
        return phone != null ? phone : LEAD_PREFIX + leadId;
    }

    public static String ofEmail(String email) {
        if (email == null || email.isBlank() || email.indexOf('@') < 1) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static String ofPhone(String phone) {
        if (phone == null) {
            return null;
        }
        // A loop rather than replaceAll("[^0-9+]", ""), which compiles its pattern for every lead.
        StringBuilder digits = new StringBuilder(PHONE_PREFIX.length() + phone.length()).append(PHONE_PREFIX);
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if ((c >= '0' && c <= '9') || c == '+') {
                digits.append(c);
            }
        }
        return digits.length() - PHONE_PREFIX.length() < 6 ? null : digits.toString();
    }

    /** What kind of key this is, for lifecycle details (never the key itself: it is PII). */
    public static String kind(String personKey) {
        if (personKey.startsWith(PHONE_PREFIX)) {
            return "phone";
        }
        return personKey.startsWith(LEAD_PREFIX) ? "none" : "email";
    }
}
