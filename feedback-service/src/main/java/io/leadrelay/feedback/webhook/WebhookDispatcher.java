package io.leadrelay.feedback.webhook;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.kafka.KafkaSettings;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.feedback.kafka.TopicFollower;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Pushes offers, assignments, withdrawals, reclaims, reminders and erasures to partner webhooks. The
 * instances share a consumer group, so each event is pushed by one of them; offsets are committed only
 * below the oldest unfinished delivery. Each partner has its own ordered outbox; a delivery that keeps
 * failing for the retry period is written to the assignment topic's dead-letter topic.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    public static final String DELIVERY_ID_HEADER = "leadrelay.webhook.delivery-id";

    private final FeedbackConfig.Webhooks config;
    private final KafkaSettings settings;
    private final RecordWriter writer;
    private final WebhookRegistry registry;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, PartnerOutbox> outboxes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final Backoff backoff;
    private final WebhookEvents events;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running = true;

    WebhookDispatcher(FeedbackConfig config, KafkaSettings settings, RecordWriter writer, WebhookRegistry registry,
            ObjectMapper json, MeterRegistry metrics, Clock clock) {
        this.config = config.webhooks();
        this.settings = settings;
        this.writer = writer;
        this.registry = registry;
        this.metrics = metrics;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(this.config.workers(), r -> {
            Thread t = new Thread(r, "webhook-delivery");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(scheduler).build();
        this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff(), this.config.retryPeriod());
        this.events = new WebhookEvents(settings.valueDeserializer(Topics.LEADS_ASSIGNMENTS),
                partnerId -> registry.of(partnerId).isPresent(), json);
    }

    public void start() {
        consumer = new KafkaConsumer<>(settings.groupMember(config.consumerGroup()), new StringDeserializer(),
                new ByteArrayDeserializer());
        thread = new Thread(this::run, "webhook-dispatch");
        thread.setDaemon(true);
        // The Avro deserializer loads record classes through the context class loader.
        thread.setContextClassLoader(WebhookDispatcher.class.getClassLoader());
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.LEADS_ASSIGNMENTS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    partitions.forEach(offsets::forget);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // positions come from the committed offsets
                }
            });
            boolean paused = false;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dispatch(record);
                }
                notePositions();
                boolean full = offsets.pending() >= config.maxPending();
                if (full != paused) {
                    if (full) {
                        consumer.pause(consumer.assignment());
                    } else {
                        consumer.resume(consumer.paused());
                    }
                    paused = full;
                }
                commit();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "webhook dispatch stopped");
        } finally {
            commit();
            consumer.close();
        }
    }

    private void notePositions() {
        for (TopicPartition partition : consumer.assignment()) {
            try {
                offsets.readUpTo(partition, consumer.position(partition, Duration.ZERO));
            } catch (TimeoutException e) {
                // no position yet (just assigned, broker away): nothing was read there
            }
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Delivery delivery = events.deliveryFor(record);
        if (delivery == null) {
            offsets.skipped(partition, record.offset());
            return;
        }
        offsets.started(partition, record.offset());
        outbox(delivery.partnerId).add(delivery);
    }

    private PartnerOutbox outbox(String partnerId) {
        return outboxes.computeIfAbsent(partnerId, id -> new PartnerOutbox(id, registry, http, scheduler, backoff,
                config.requestTimeout(), clock,
                delivery -> {
                    metrics.counter("leadrelay.webhook.deliveries", "partner", id, "outcome", "delivered").increment();
                    offsets.finished(delivery.partition(), delivery.source.offset());
                },
                (delivery, why) -> {
                    deadLetter(delivery, why);
                    metrics.counter("leadrelay.webhook.deliveries", "partner", id, "outcome", "dead_lettered").increment();
                    offsets.finished(delivery.partition(), delivery.source.offset());
                }));
    }

    private void deadLetter(Delivery delivery, String why) {
        ConsumerRecord<String, byte[]> source = delivery.source;
        var headers = DeadLetterHeaders.describe(source.headers(), new WebhookDeliveryFailed(delivery.failedAttempts, why),
                source.topic(), source.partition(), source.offset(), TopicFollower.SERVICE, clock.instant());
        headers.add(DELIVERY_ID_HEADER, delivery.deliveryId.getBytes(StandardCharsets.UTF_8));
        writer.deadLetter(Topics.LEADS_ASSIGNMENTS.deadLetter(), source.key(), source.value(), headers);
        LOG.warnf("webhook delivery %s gave up after %d attempts (%s)", delivery.deliveryId, delivery.failedAttempts, why);
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.committable().entrySet().stream()
                .filter(e -> consumer.assignment().contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        if (!commits.isEmpty()) {
            try {
                consumer.commitSync(commits);
            } catch (RuntimeException e) {
                LOG.debugf("commit failed, retried on the next poll: %s", e.getClass().getSimpleName());
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
    }

    /** Why a delivery went to the dead-letter topic. */
    static final class WebhookDeliveryFailed extends RuntimeException {
        WebhookDeliveryFailed(int attempts, String why) {
            super("webhook delivery gave up after " + attempts + " attempts; last failure: " + why, null, false, false);
        }
    }
}
