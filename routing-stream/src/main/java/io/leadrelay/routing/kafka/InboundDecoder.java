package io.leadrelay.routing.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.leadrelay.routing.lead.Inbound;

/** Decodes one input topic's values; a record that does not decode is passed on as poison, never thrown. */
public final class InboundDecoder<V> implements Processor<String, byte[], String, Inbound> {

    private final Inbound.Kind kind;
    private final Deserializer<V> deserializer;
    private ProcessorContext<String, Inbound> context;

    public InboundDecoder(Inbound.Kind kind, Deserializer<V> deserializer) {
        this.kind = kind;
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<String, Inbound> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        Object value = null;
        Exception error = null;
        try {
            if (record.value() == null) {
                throw new SerializationException("record without a value");
            }
            if (record.key() == null) {
                throw new SerializationException("record without a lead id key");
            }
            value = deserializer.deserialize(meta.topic(), record.headers(), record.value());
            if (value == null) {
                throw new SerializationException("value decoded to null");
            }
        } catch (RuntimeException e) {
            error = e;
        }
        context.forward(record.withValue(new Inbound(kind, value, record.value(), meta.topic(), meta.partition(),
                meta.offset(), error)));
    }
}
