package io.leadrelay.feedback.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.leadrelay.schemas.catalog.DeadLetterTopic;
import io.leadrelay.schemas.catalog.Topic;

/**
 * Writes records to catalog topics and reports success only once the broker acknowledged them
 * (acks=all, idempotent), so an HTTP 2xx always means the record is durable.
 */
@ApplicationScoped
public class RecordWriter {

    private final KafkaSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    /** One serializer per topic: each holds a registry client with its schema cache. */
    private final Map<String, Serializer<?>> serializers = new ConcurrentHashMap<>();

    RecordWriter(KafkaSettings settings) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(settings.producer(), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends asynchronously; the future completes when the broker acknowledged the record. */
    public <V extends SpecificRecord> CompletableFuture<Void> send(Topic<V> topic, String key, V value, Headers headers) {
        byte[] bytes;
        try {
            @SuppressWarnings("unchecked")
            Serializer<V> serializer = (Serializer<V>) serializers.computeIfAbsent(topic.name(),
                    name -> settings.valueSerde(topic).serializer());
            bytes = value == null ? null : serializer.serialize(topic.name(), value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new WriteFailedException(topic.name(), e));
        }
        return sendBytes(topic.name(), key, bytes, headers);
    }

    /** Sends and waits for the acknowledgement. */
    public <V extends SpecificRecord> void write(Topic<V> topic, String key, V value, Headers headers) {
        await(send(topic, key, value, headers), topic.name());
    }

    /** A tombstone on a compacted topic. */
    public void tombstone(Topic<?> topic, String key) {
        await(sendBytes(topic.name(), key, null, new RecordHeaders()), topic.name());
    }

    public void deadLetter(DeadLetterTopic topic, String key, byte[] value, Headers headers) {
        await(sendBytes(topic.name(), key, value, headers), topic.name());
    }

    private CompletableFuture<Void> sendBytes(String topic, String key, byte[] value, Headers headers) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(new WriteFailedException(topic, error));
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(new WriteFailedException(topic, e));
        }
        return acked;
    }

    private static void await(CompletableFuture<Void> acked, String topic) {
        try {
            acked.get(40, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WriteFailedException w ? w : new WriteFailedException(topic, e.getCause());
        } catch (TimeoutException e) {
            throw new WriteFailedException(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailedException(topic, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /** The broker did not take a record; the caller answers 503 and nothing was accepted. */
    public static final class WriteFailedException extends RuntimeException {
        WriteFailedException(String topic, Throwable cause) {
            super("could not write to " + topic, cause);
        }
    }
}
