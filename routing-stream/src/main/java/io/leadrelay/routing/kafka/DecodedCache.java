package io.leadrelay.routing.kafka;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Decoded values of a store keyed by their bytes: a partner record is decoded once, not once per routed lead.
 * One per processor instance (not shared between threads).
 */
public final class DecodedCache<T> {

    private record Entry<T>(byte[] bytes, T value) {
    }

    private final Map<String, Entry<T>> entries = new HashMap<>();
    private final Function<byte[], T> decoder;

    public DecodedCache(Function<byte[], T> decoder) {
        this.decoder = decoder;
    }

    public T get(String key, byte[] bytes) {
        if (bytes == null) {
            entries.remove(key);
            return null;
        }
        Entry<T> entry = entries.get(key);
        if (entry != null && (entry.bytes == bytes || Arrays.equals(entry.bytes, bytes))) {
            return entry.value;
        }
        T value = decoder.apply(bytes);
        entries.put(key, new Entry<>(bytes, value));
        return value;
    }
}
