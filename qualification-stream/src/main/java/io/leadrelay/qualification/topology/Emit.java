package io.leadrelay.qualification.topology;

import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.schemas.catalog.Topic;

/** What a processor of this topology sends on: a command to the next stage, a record for a topic, or a dead letter. */
public sealed interface Emit {

    record Command(LeadCommand command) implements Emit {
    }

    record Publish(Topic<?> topic, SpecificRecord value) implements Emit {
    }

    /** The original value bytes for {@code topic} (a {@code .dlq}); the reason travels in the record headers. */
    record DeadLetter(String topic, byte[] value) implements Emit {
    }
}
