package io.leadrelay.qualification.topology;

import java.time.Clock;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topic;

/**
 * First step after a source: a decoded value becomes a command under its new key; an undecodable or unusable one
 * becomes a dead letter (original bytes, error headers) in the same transaction as its offset.
 */
final class Intake<V extends org.apache.avro.specific.SpecificRecord> implements Processor<String, Decoded<V>, String, Emit> {

    /** Turns a value (with its bytes as read) into its keyed command, or null when this stage has nothing to do with it. */
    interface Mapper<V> {
        Keyed map(String key, V value, Payload payload);
    }

    record Keyed(String key, LeadCommand command) {
    }

    private final Topic<V> topic;
    private final Mapper<V> mapper;
    private final Clock clock;
    private ProcessorContext<String, Emit> context;

    Intake(Topic<V> topic, Mapper<V> mapper, Clock clock) {
        this.topic = topic;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Decoded<V>> record) {
        Decoded<V> decoded = record.value();
        if (decoded.failed()) {
            deadLetter(record, decoded.raw(), decoded.error());
            return;
        }
        Keyed keyed;
        try {
            keyed = mapper.map(record.key(), decoded.value(), Payload.decoded(topic, decoded.raw(), decoded.value()));
        } catch (RuntimeException e) {
            deadLetter(record, decoded.raw(), e);
            return;
        }
        if (keyed != null) {
            context.forward(record.withKey(keyed.key()).withValue(new Emit.Command(keyed.command())));
        }
    }

    private void deadLetter(Record<String, Decoded<V>> record, byte[] value, RuntimeException error) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        context.forward(record.withValue((Emit) new Emit.DeadLetter(topic.deadLetter().name(), value))
                .withHeaders(DeadLetterHeaders.describe(record.headers(), error, meta.topic(), meta.partition(),
                        meta.offset(), Names.SERVICE, clock.instant())));
    }
}
