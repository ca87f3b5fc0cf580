package io.leadrelay.qualification.topology;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.leadrelay.schemas.catalog.Topic;

/**
 * A command's payload as the bytes read from its catalog topic, decoded on first use. The bytes travel through both
 * repartition hops unchanged, so a lead is decoded where it is needed (intake, lead qualifier) and never re-encoded
 * on the way, and a dead letter carries exactly what was read.
 */
final class Payload {

    private final Topic<?> topic;
    private final byte[] bytes;
    private final Deserializer<? extends SpecificRecord> decoder;
    private SpecificRecord value;

    private Payload(Topic<?> topic, byte[] bytes, SpecificRecord value, Deserializer<? extends SpecificRecord> decoder) {
        this.topic = Objects.requireNonNull(topic);
        this.bytes = Objects.requireNonNull(bytes);
        this.value = value;
        this.decoder = decoder;
    }

    /** A value read at the intake, with the bytes it was decoded from. */
    static Payload decoded(Topic<?> topic, byte[] bytes, SpecificRecord value) {
        return new Payload(topic, bytes, Objects.requireNonNull(value), null);
    }

    /** Bytes read from a repartition topic, decoded with the catalog topic's deserializer when first asked for. */
    static Payload encoded(Topic<?> topic, byte[] bytes, Deserializer<? extends SpecificRecord> decoder) {
        return new Payload(topic, bytes, null, Objects.requireNonNull(decoder));
    }

    Topic<?> topic() {
        return topic;
    }

    byte[] bytes() {
        return bytes;
    }

    SpecificRecord value() {
        if (value == null) {
            value = decoder.deserialize(topic.name(), bytes);
            if (value == null) {
                throw new IllegalArgumentException("payload for " + topic.name() + " decoded to null");
            }
        }
        return value;
    }
}
