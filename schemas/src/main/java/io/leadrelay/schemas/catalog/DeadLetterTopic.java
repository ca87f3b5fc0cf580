package io.leadrelay.schemas.catalog;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A dead-letter topic: the original key and value bytes of a record that could not be processed,
 * with {@link DeadLetterHeaders} saying why and where it came from. Nothing is dropped.
 */
public record DeadLetterTopic(String name, int partitions) {

    public static final String SUFFIX = ".dlq";

    public Serde<byte[]> serde() {
        return Serdes.ByteArray();
    }
}
