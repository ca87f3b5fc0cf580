package io.leadrelay.qualification.topology;

/**
 * A source value as read: the value with the bytes it was decoded from, or the undecodable bytes and why. Decoding inside the topology (instead of
 * a deserialization exception handler) lets a poison pill go to its dead-letter topic in the same exactly-once
 * transaction as the offset commit.
 */
public record Decoded<V>(V value, byte[] raw, RuntimeException error) {

    public static <V> Decoded<V> of(V value, byte[] raw) {
        return new Decoded<>(value, raw, null);
    }

    public static <V> Decoded<V> failed(byte[] raw, RuntimeException error) {
        return new Decoded<>(null, raw, error);
    }

    public boolean failed() {
        return error != null;
    }
}
