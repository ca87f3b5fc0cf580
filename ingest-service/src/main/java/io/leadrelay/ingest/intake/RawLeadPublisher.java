package io.leadrelay.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Writes leads to {@code leads.raw} with {@code acks=all} and an idempotent producer, and completes only when
 * the broker acknowledged. Every wait is bounded so an outage fails the write instead of hanging the caller.
 */
public final class RawLeadPublisher implements AutoCloseable {

    /** Marks records whose lead id was derived from a key, so the key index reads headers, not values. */
    public static final String KEYED_HEADER = "leadrelay.keyed";

    public record Settings(String bootstrapServers, String registryUrl, Duration deliveryTimeout, Duration requestTimeout,
            Duration maxBlock, int lingerMs, String compression) {
    }

    private final KafkaProducer<String, RawLead> producer;

    public RawLeadPublisher(Settings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(settings.lingerMs()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(settings.requestTimeout().toMillis()));
        // Kafka requires delivery.timeout >= linger + request timeout.
        long delivery = Math.max(settings.deliveryTimeout().toMillis(), settings.requestTimeout().toMillis() + settings.lingerMs());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.maxBlock().toMillis()));
        // A lead may carry its raw submission of up to 1 MiB beside the normalised fields.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-raw-" + java.util.UUID.randomUUID());
        var serde = Topics.LEADS_RAW.valueSerde(new RegistrySerdes(settings.registryUrl()));
        this.producer = new KafkaProducer<>(props, Topics.LEADS_RAW.keySerde().serializer(), serde.serializer());
    }

    /**
     * Sends one lead keyed by its id. The future completes after the broker's acknowledgement, or fails with
     * {@link BrokerUnavailableException} (not stored now, retry) or {@link RecordTooLargeException}.
     */
    public CompletableFuture<RecordMetadata> publish(RawLead lead, boolean keyed) {
        RecordHeaders headers = new RecordHeaders();
        if (keyed) {
            headers.add(KEYED_HEADER, "1".getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, RawLead> record = new ProducerRecord<>(Topics.LEADS_RAW.name(), null,
                lead.getReceivedAt().toEpochMilli(), lead.getLeadId(), lead, headers);
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(translate(error));
                }
            });
        } catch (KafkaException e) {
            // metadata wait or buffer exhausted past max.block.ms, or the registry could not be reached
            acked.completeExceptionally(translate(e));
        }
        return acked;
    }

    private static RuntimeException translate(Exception error) {
        if (error instanceof RecordTooLargeException tooLarge) {
            return tooLarge;
        }
        return new BrokerUnavailableException("Kafka did not acknowledge the lead: " + error.getMessage(), error);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
