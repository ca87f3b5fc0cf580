package io.leadrelay.routing.lead;

/** Keys of the SLA index: zero-padded deadline millis first, so a range scan returns due leads in deadline order. */
final class DeadlineKeys {

    private static final String SEPARATOR = "|";

    private DeadlineKeys() {
    }

    static String of(long deadlineMillis, String leadId) {
        return String.format("%015d", deadlineMillis) + SEPARATOR + leadId;
    }

    static String first() {
        return String.format("%015d", 0L);
    }

    /** Greater than every key with a deadline at or before {@code millis}. */
    static String lastAt(long millis) {
        return String.format("%015d", millis) + SEPARATOR + "\uffff";
    }

    static long millis(String key) {
        return Long.parseLong(key.substring(0, key.indexOf(SEPARATOR)));
    }
}
