package io.leadrelay.qualification.topology;

import java.time.Clock;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.leadrelay.schemas.catalog.DeadLetterHeaders;

/**
 * Dead letters for commands that failed after the intake: the command's payload goes to the dead-letter topic of
 * the catalog topic it came from (e.g. a RawLead to leads.raw.dlq) in that topic's format, the bytes as they were
 * read there, so it can be inspected and replayed with the ordinary tools, even though it failed while being read
 * from an internal repartition topic.
 */
final class DeadLetters {

    private final Clock clock;

    DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** The payload exactly as it was read from its catalog topic, for that topic's dead-letter topic. */
    Emit.DeadLetter of(LeadCommand command) {
        return new Emit.DeadLetter(command.kind().source.deadLetter().name(), command.payload().bytes());
    }

    Headers headers(Headers original, RuntimeException error, RecordMetadata meta) {
        return DeadLetterHeaders.describe(original, error, meta.topic(), meta.partition(), meta.offset(),
                Names.SERVICE, clock.instant());
    }

}
