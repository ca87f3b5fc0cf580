package io.leadrelay.routing.lead;

/**
 * One decoded input record for the router, or one that could not be decoded ({@code error} set). Carries the
 * original bytes and position so a record that fails anywhere goes to its topic's dead-letter topic unchanged.
 */
public record Inbound(Kind kind, Object value, byte[] raw, String topic, int partition, long offset,
        Exception error) {

    public enum Kind {
        SQL, RETURN, FEEDBACK, ERASURE, LIFECYCLE
    }

    public boolean isPoison() {
        return error != null;
    }
}
