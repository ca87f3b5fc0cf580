package io.leadrelay.feedback.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Reads a whole topic from its beginning and keeps following it, on its own thread, handing each record
 * to a callback. Used for the views every instance needs in full (inboxes, tokens, webhooks, the sales
 * queue), hence no consumer group. A record that cannot be decoded or applied is parked on the topic's
 * dead-letter topic and reading goes on. A tombstone arrives with a null value.
 */
public final class TopicFollower<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    public static final String SERVICE = "feedback-service";

    private final Topic<V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<V> deserializer;
    private final Consumer<ConsumerRecord<String, V>> handler;
    private final RecordWriter writer;
    private final Clock clock;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public TopicFollower(Topic<V> topic, KafkaSettings settings, RecordWriter writer, Clock clock,
            Consumer<ConsumerRecord<String, V>> handler) {
        this.topic = topic;
        this.writer = writer;
        this.clock = clock;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(settings.follower(), new StringDeserializer(), new ByteArrayDeserializer());
        this.deserializer = settings.valueDeserializer(topic);
        this.thread = new Thread(this::run, "follow-" + topic.name());
        this.thread.setDaemon(true);
        // The Avro deserializer loads record classes through the context class loader.
        this.thread.setContextClassLoader(TopicFollower.class.getClassLoader());
    }

    public TopicFollower<V> start() {
        thread.start();
        return this;
    }

    /** Whether everything that was on the topic when reading started has been applied. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                    apply(raw);
                }
                if (caughtUp.getCount() > 0) {
                    ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (ends.isEmpty()) {
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "reading %s stopped", topic.name());
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> raw) {
        try {
            V value = raw.value() == null ? null : deserializer.deserialize(raw.topic(), raw.headers(), raw.value());
            handler.accept(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), raw.key(), value,
                    raw.headers(), raw.leaderEpoch()));
        } catch (RuntimeException e) {
            if (!Topics.deadLetterTopics().contains(topic.deadLetter())) {
                // Our own compacted topics have no dead-letter topic: the record stays where it is.
                LOG.errorf(e, "cannot apply record %s-%d@%d; skipped", raw.topic(), raw.partition(), raw.offset());
                return;
            }
            LOG.warnf(e, "parking record %s-%d@%d on %s", raw.topic(), raw.partition(), raw.offset(),
                    topic.deadLetter().name());
            try {
                writer.deadLetter(topic.deadLetter(), raw.key(), raw.value(), DeadLetterHeaders.describe(raw.headers(), e,
                        raw.topic(), raw.partition(), raw.offset(), SERVICE, clock.instant()));
            } catch (RuntimeException dlqFailure) {
                LOG.errorf(dlqFailure, "could not park record %s-%d@%d", raw.topic(), raw.partition(), raw.offset());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
