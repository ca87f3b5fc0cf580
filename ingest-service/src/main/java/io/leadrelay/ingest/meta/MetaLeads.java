package io.leadrelay.ingest.meta;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.intake.BrokerUnavailableException;
import io.leadrelay.ingest.intake.LeadIds;
import io.leadrelay.ingest.lead.Normalised;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Takes a Meta Lead Ads lead in by its leadgen id: fetches it from the Graph API with retries and backoff, and
 * writes it to {@code leads.raw}; a lead that cannot be fetched (or is invalid) is parked on
 * {@code webhooks.meta.dlq} with the reason, to be retried by {@link MetaRetrier}. Never dropped.
 */
public final class MetaLeads implements AutoCloseable {

    public static final String SOURCE = "meta-lead-ads";
    /** Header: how often the lead has been parked. */
    public static final String PARKINGS_HEADER = "leadrelay.meta.parkings";
    /** Header: epoch millis after which the parked lead is retried. */
    public static final String RETRY_AT_HEADER = "leadrelay.meta.retry-at";
    /** Header: "false" when retrying cannot help (the fetched lead is invalid). */
    public static final String RETRYABLE_HEADER = "leadrelay.meta.retryable";
    private static final String SERVICE = "ingest-service";

    /** What became of one leadgen id. */
    public enum Outcome {
        STORED, ALREADY_STORED, PARKED
    }

    public record Settings(Duration parkedRetryDelay, String consentText,
            String defaultCountry) {
    }

    private final GraphFetcher fetcher;
    private final LeadReception reception;
    private final Settings settings;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> parking;
    private final Duration ackTimeout;

    public MetaLeads(GraphFetcher fetcher, LeadReception reception, Settings settings, Clock clock, String bootstrapServers,
            Duration ackTimeout) {
        this.fetcher = fetcher;
        this.reception = reception;
        this.settings = settings;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1000, ackTimeout.toMillis() - 500)));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        this.parking = new KafkaProducer<>(props, new StringSerializer(),
                Topics.WEBHOOKS_META_DLQ.serde().serializer());
    }

    /**
     * Fetches, validates and stores one lead, or parks it. {@code notification} is the webhook's change value, kept
     * on the parked record so a retry has everything it needs. Only the idempotency catch-up blocks the caller
     * (bounded); the Graph API calls, the backoff between them and the broker's ack complete the future later.
     *
     * @param attemptsBefore how often it was parked before (0 from the webhook)
     * @param prepare false when the caller already caught the key index up in this request
     * @return the outcome; fails with {@link BrokerUnavailableException} if neither storing nor parking was
     *         acknowledged (the caller answers 503)
     */
    public CompletableFuture<Outcome> take(String leadgenId, byte[] notification, int attemptsBefore, int fetchAttempts,
            boolean prepare) {
        String leadId = LeadIds.deterministic(SOURCE, leadgenId);
        if (prepare) {
            try {
                reception.intake().prepareForKeys();
            } catch (BrokerUnavailableException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (reception.intake().isStored(leadId)) {
            reception.intake().metrics().replayed(SOURCE);
            return CompletableFuture.completedFuture(Outcome.ALREADY_STORED);
        }
        return fetcher.fetch(leadgenId, fetchAttempts)
                .handle((lead, error) -> error == null
                        ? store(leadgenId, notification, attemptsBefore, lead)
                        : park(leadgenId, notification, attemptsBefore + 1, (Exception) unwrap(error), true))
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<Outcome> store(String leadgenId, byte[] notification, int attemptsBefore, GraphLead lead) {
        Origin origin = new Origin(SOURCE, leadgenId, null, false, new Consent(true, null, settings.consentText()),
                settings.defaultCountry());
        Normalised normalised = reception.normalise(SOURCE, lead.toSubmission(), origin);
        if (!normalised.isAccepted()) {
            return park(leadgenId, notification, attemptsBefore + 1,
                    new IllegalArgumentException("invalid lead from the Graph API: " + normalised.errors()), false);
        }
        return bounded(reception.write(SOURCE, normalised, MediaType.APPLICATION_JSON, lead.json(), SOURCE, leadgenId, false),
                "Kafka did not acknowledge the lead in time")
                .thenApply(receipt -> Outcome.STORED);
    }

    /** Writes the lead's notification to the dead-letter topic; completes with PARKED on the broker's ack. */
    CompletableFuture<Outcome> park(String leadgenId, byte[] notification, int parkings, Exception reason, boolean retryable) {
        Instant now = clock.instant();
        long delayMs = Math.min(Duration.ofHours(1).toMillis(),
                settings.parkedRetryDelay().toMillis() << Math.min(parkings - 1, 20));
        Headers headers = DeadLetterHeaders.describe(null, reason, "webhooks.meta", -1, -1, SERVICE, now);
        headers.add(PARKINGS_HEADER, Integer.toString(parkings).getBytes(StandardCharsets.UTF_8));
        headers.add(RETRY_AT_HEADER, Long.toString(now.toEpochMilli() + delayMs).getBytes(StandardCharsets.UTF_8));
        headers.add(RETRYABLE_HEADER, Boolean.toString(retryable).getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.WEBHOOKS_META_DLQ.name(), null, leadgenId,
                notification, headers);
        CompletableFuture<Outcome> parked = new CompletableFuture<>();
        try {
            parking.send(record, (metadata, error) -> {
                if (error == null) {
                    reception.intake().metrics().parked(SOURCE);
                    parked.complete(Outcome.PARKED);
                } else {
                    parked.completeExceptionally(new BrokerUnavailableException("the lead could not be parked", error));
                }
            });
        } catch (org.apache.kafka.common.KafkaException e) {
            parked.completeExceptionally(new BrokerUnavailableException("the lead could not be parked", e));
        }
        return bounded(parked, "the lead could not be parked in time");
    }

    /** The producers' own timeouts end every write; this bound only guards against a callback that never comes. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> future, String timeoutMessage) {
        return future.orTimeout(ackTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            return CompletableFuture.failedFuture(cause instanceof java.util.concurrent.TimeoutException
                    ? new BrokerUnavailableException(timeoutMessage, cause) : cause);
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void close() {
        fetcher.close();
        parking.close(Duration.ofSeconds(5));
    }
}
