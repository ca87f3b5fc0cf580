package io.leadrelay.schemas.catalog;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the contract: its name, how it is laid out, and the types of its keys and values.
 * Services take names and serdes from here, never from string literals.
 */
public record Topic<V extends SpecificRecord>(String name, int partitions, boolean compacted, Class<V> valueType) {

    public Topic {
        Objects.requireNonNull(name);
        Objects.requireNonNull(valueType);
    }

    /** Keys are plain UTF-8 strings everywhere: lead id, partner id, company domain or normalised email. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serde<V> valueSerde(TopicSerdes serdes) {
        return serdes.valueSerde(this);
    }

    /** The dead-letter topic of this topic's consumers. */
    public DeadLetterTopic deadLetter() {
        return new DeadLetterTopic(name + DeadLetterTopic.SUFFIX, partitions);
    }
}
