package io.leadrelay.qualification.topology;

import java.time.Clock;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Dead letters for commands that failed after the intake: the command's payload is written back in the format of
 * the catalog topic it came from (e.g. a RawLead to leads.raw.dlq), so it can be inspected and replayed with the
 * ordinary tools, even though it failed while being read from an internal repartition topic.
 */
final class DeadLetters {

    private final TopicSerdes serdes;
    private final Clock clock;

    DeadLetters(TopicSerdes serdes, Clock clock) {
        this.serdes = serdes;
        this.clock = clock;
    }

    Emit.DeadLetter of(LeadCommand command) {
        return switch (command.kind()) {
            case RAW_LEAD, NEW, ABSORB, MERGED_INTO -> letter(Topics.LEADS_RAW, (RawLead) command.payload());
            case ERASURE, ERASE -> letter(Topics.PRIVACY_ERASURE_REQUESTS, (ErasureRequest) command.payload());
            case SALES_DECISION -> letter(Topics.LEADS_FEEDBACK, (LeadFeedback) command.payload());
            case HANDBACK -> letter(Topics.LEADS_NURTURE, (NurtureHandoff) command.payload());
        };
    }

    Headers headers(Headers original, RuntimeException error, RecordMetadata meta) {
        return DeadLetterHeaders.describe(original, error, meta.topic(), meta.partition(), meta.offset(),
                Names.SERVICE, clock.instant());
    }

    private <V extends org.apache.avro.specific.SpecificRecord> Emit.DeadLetter letter(Topic<V> topic, V value) {
        byte[] bytes = topic.valueSerde(serdes).serializer().serialize(topic.name(), value);
        return new Emit.DeadLetter(topic.deadLetter().name(), bytes);
    }
}
