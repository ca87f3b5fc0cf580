package io.leadrelay.ingest.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import io.leadrelay.schemas.catalog.Topics;

/**
 * The lead ids written to {@code leads.raw} from a key (Idempotency-Key, ad-platform lead id) within the
 * idempotency window, read back from the topic itself. Kafka is the store: every instance tails the same
 * partitions, a restarted instance re-reads the last window, so a repeat is recognised wherever it lands.
 * Before answering, {@link #awaitCaughtUp()} makes the index at least as new as the topic was when the request
 * arrived, so a repeat of anything already acknowledged by any instance is never written again.
 */
public final class KeyIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyIndex.class);
    private static final Duration EVICT_EVERY = Duration.ofMinutes(1);

    private final String bootstrapServers;
    private final Duration window;
    private final Duration catchUpTimeout;
    private final Clock clock;
    private final List<TopicPartition> partitions;
    /** lead id → record timestamp (when it was received). */
    private final Map<String, Long> keyed = new ConcurrentHashMap<>();
    /** Next offset to read per partition, as far as the poll thread got. */
    private final AtomicLongArray positions;
    private final Object progress = new Object();
    private final Admin admin;
    private final SharedEndOffsets endOffsets;
    private KafkaConsumer<String, Void> consumer;
    private Thread poller;
    private volatile boolean running = true;
    private volatile boolean loaded;

    public KeyIndex(String bootstrapServers, Duration window, Duration catchUpTimeout, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.window = window;
        this.catchUpTimeout = catchUpTimeout;
        this.clock = clock;
        this.partitions = java.util.stream.IntStream.range(0, Topics.LEADS_RAW.partitions())
                .mapToObj(p -> new TopicPartition(Topics.LEADS_RAW.name(), p)).toList();
        this.positions = new AtomicLongArray(partitions.size());
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(catchUpTimeout.toMillis()));
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(catchUpTimeout.toMillis()));
        this.admin = Admin.create(adminProps);
        this.endOffsets = new SharedEndOffsets(this::lookUpEndOffsets);
    }

    private CompletableFuture<Map<TopicPartition, Long>> lookUpEndOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().toCompletionStage().toCompletableFuture()
                .thenApply(infos -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    infos.forEach((tp, info) -> ends.put(tp, info.offset()));
                    return ends;
                });
    }

    /** Starts tailing {@code leads.raw} from the start of the window. */
    public KeyIndex start() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // No group: every instance reads every partition itself.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-key-index-" + java.util.UUID.randomUUID());
        consumer = new KafkaConsumer<>(props, new KeyedLeadIdDeserializer(), new SkippedValueDeserializer());
        poller = new Thread(this::run, "ingest-key-index");
        poller.setDaemon(true);
        poller.start();
        return this;
    }

    /** Whether the index has read the window as it stood at start-up (readiness). */
    public boolean loaded() {
        return loaded;
    }

    /** When a keyed lead with this id was received, if within the window. */
    public java.util.Optional<Instant> receivedAt(String leadId) {
        Long at = keyed.get(leadId);
        if (at == null || at < clock.millis() - window.toMillis()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Instant.ofEpochMilli(at));
    }

    /** Records a keyed lead this instance just had acknowledged, without waiting to read it back. */
    public void remember(String leadId, Instant receivedAt) {
        keyed.merge(leadId, receivedAt.toEpochMilli(), Math::max);
    }

    /**
     * Waits until this index has read everything the topic held when called.
     *
     * @throws BrokerUnavailableException if Kafka cannot tell the end offsets or the index lags past the timeout
     */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        Map<TopicPartition, Long> ends;
        try {
            ends = endOffsets.fresh().get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BrokerUnavailableException("Kafka did not answer for the idempotency check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted", e);
        }
        synchronized (progress) {
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                while (positions.get(tp.partition()) < end) {
                    long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (waitMs <= 0) {
                        throw new BrokerUnavailableException("the idempotency index lags behind " + tp, null);
                    }
                    try {
                        progress.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BrokerUnavailableException("interrupted", e);
                    }
                }
            }
        }
    }

    private void run() {
        try {
            consumer.assign(partitions);
            seekToWindowStart();
            Map<TopicPartition, Long> initialEnds = consumer.endOffsets(partitions, Duration.ofMinutes(5));
            long lastEviction = clock.millis();
            while (running) {
                for (ConsumerRecord<String, Void> record : consumer.poll(Duration.ofMillis(100))) {
                    // the key deserializer reads only keyed records' ids; every other key is null
                    if (record.key() != null) {
                        keyed.merge(record.key(), record.timestamp(), Math::max);
                    }
                }
                synchronized (progress) {
                    for (TopicPartition tp : partitions) {
                        positions.set(tp.partition(), consumer.position(tp, Duration.ofSeconds(5)));
                    }
                    progress.notifyAll();
                }
                if (!loaded && partitions.stream().allMatch(tp -> positions.get(tp.partition()) >= initialEnds.get(tp))) {
                    loaded = true;
                    LOG.infof("idempotency index loaded: %d keyed leads in the last %s", keyed.size(), window);
                }
                if (clock.millis() - lastEviction > EVICT_EVERY.toMillis()) {
                    long oldest = clock.millis() - window.toMillis();
                    keyed.values().removeIf(at -> at < oldest);
                    lastEviction = clock.millis();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("idempotency index stopped; keyed requests will be answered 503", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekToWindowStart() {
        Map<TopicPartition, Long> since = new HashMap<>();
        long start = clock.millis() - window.toMillis();
        partitions.forEach(tp -> since.put(tp, start));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofMinutes(5));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp offset = offsets.get(tp);
            if (offset == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, offset.offset());
            }
        }
    }

    /**
     * Decodes the key (the lead id) only of records marked {@link RawLeadPublisher#KEYED_HEADER}, straight from the
     * fetch buffer; unkeyed records, the bulk of the topic, cost no allocation here.
     */
    static final class KeyedLeadIdDeserializer implements Deserializer<String> {

        @Override
        public String deserialize(String topic, Headers headers, ByteBuffer data) {
            if (data == null || headers.lastHeader(RawLeadPublisher.KEYED_HEADER) == null) {
                return null;
            }
            return StandardCharsets.UTF_8.decode(data.duplicate()).toString();
        }

        @Override
        public String deserialize(String topic, byte[] data) {
            throw new UnsupportedOperationException("keys are read with their headers");
        }
    }

    /** The index needs no values: without this the consumer would copy every lead's bytes out of the fetch buffer. */
    static final class SkippedValueDeserializer implements Deserializer<Void> {

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (poller != null) {
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }
}
