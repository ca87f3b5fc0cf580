package io.leadrelay.ingest.meta;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.leadrelay.ingest.intake.BrokerUnavailableException;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Retries parked Meta leads from {@code webhooks.meta.dlq} once their retry time has come: fetched and stored, or
 * parked again with a longer delay. A lead parked {@code maxParkings} times, or one that cannot succeed (invalid),
 * stays on the topic for a person; the retrier moves past it. Instances share the work as one consumer group.
 */
public final class MetaRetrier implements AutoCloseable {

    public static final String GROUP_ID = "ingest-service.meta-retry";
    private static final Logger LOG = Logger.getLogger(MetaRetrier.class);

    private final MetaLeads leads;
    private final Clock clock;
    private final int maxParkings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public MetaRetrier(MetaLeads leads, String bootstrapServers, int maxParkings, Clock clock) {
        this.leads = leads;
        this.clock = clock;
        this.maxParkings = maxParkings;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        // A killed member holds its partitions until its session expires; 10 s instead of Kafka 4's 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ingest-meta-retrier");
        this.thread.setDaemon(true);
    }

    public MetaRetrier start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.WEBHOOKS_META_DLQ.name()));
            while (running) {
                resumeDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                        if (!handle(tp, record)) {
                            break;
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Meta retrier stopped; parked leads wait for the next start", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** @return false when the partition must wait (not due yet, or Kafka unavailable) */
    private boolean handle(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
        int parkings = Integer.parseInt(header(record, MetaLeads.PARKINGS_HEADER, "1"));
        boolean retryable = Boolean.parseBoolean(header(record, MetaLeads.RETRYABLE_HEADER, "true"));
        long retryAt = Long.parseLong(header(record, MetaLeads.RETRY_AT_HEADER, "0"));
        if (!retryable || parkings >= maxParkings || record.key() == null) {
            commit(tp, record.offset());
            return true;
        }
        if (clock.millis() < retryAt) {
            waitUntil(tp, record.offset(), retryAt);
            return false;
        }
        try {
            // This consumer's own thread, in offset order: waiting here holds no request thread.
            MetaLeads.Outcome outcome = leads.take(record.key(), record.value(), parkings, 1, true).join();
            LOG.infof("parked Meta lead %s retried: %s", record.key(), outcome);
            commit(tp, record.offset());
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof BrokerUnavailableException) {
                waitUntil(tp, record.offset(), clock.millis() + 5_000);
                return false;
            }
            throw e;
        }
    }

    private void waitUntil(TopicPartition tp, long offset, long until) {
        consumer.seek(tp, offset);
        consumer.pause(List.of(tp));
        pausedUntil.put(tp, until);
    }

    private void resumeDue() {
        long now = clock.millis();
        pausedUntil.entrySet().removeIf(e -> {
            if (e.getValue() <= now) {
                consumer.resume(List.of(e.getKey()));
                return true;
            }
            return false;
        });
    }

    private void commit(TopicPartition tp, long offset) {
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset + 1)));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
