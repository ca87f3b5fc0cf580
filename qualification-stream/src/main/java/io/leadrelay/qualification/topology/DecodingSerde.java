package io.leadrelay.qualification.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Reads values with a delegate deserializer, turning failures into {@link Decoded#failed}. Read-only. */
final class DecodingSerde<V> implements Serde<Decoded<V>> {

    private final Deserializer<V> delegate;

    DecodingSerde(Serde<V> delegate) {
        this.delegate = delegate.deserializer();
    }

    @Override
    public Serializer<Decoded<V>> serializer() {
        return (topic, decoded) -> {
            throw new UnsupportedOperationException("source values are never written back");
        };
    }

    @Override
    public Deserializer<Decoded<V>> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return Decoded.failed(null, new IllegalArgumentException("null value (tombstone) on " + topic));
            }
            try {
                V value = delegate.deserialize(topic, bytes);
                return value == null ? Decoded.failed(bytes, new IllegalArgumentException("decoded to null"))
                        : Decoded.of(value, bytes);
            } catch (RuntimeException e) {
                return Decoded.failed(bytes, e);
            }
        };
    }
}
