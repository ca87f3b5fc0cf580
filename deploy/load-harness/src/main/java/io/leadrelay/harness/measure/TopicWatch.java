package io.leadrelay.harness.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed reader of some topics from their current end on: counts records per topic (with the time of
 * the first and last, for a per-stage rate) and hands each record to a handler, on its own thread. What it sees is
 * what any consumer downstream would see: only committed transactions. Survives a broker restart (the consumer
 * reconnects by itself).
 */
public final class TopicWatch implements AutoCloseable {

    /** Called on the watch thread for every record, with the time it was seen. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, byte[]> record, long nanos);
    }

    /** Records seen on one topic. */
    public static final class Count {
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        void seen(long nanos) {
            records.incrementAndGet();
            first.accumulateAndGet(nanos, Math::min);
            last.accumulateAndGet(nanos, Math::max);
        }

        public long records() {
            return records.get();
        }

        /** Records per second between the first and the last one seen (0 with fewer than two). */
        public double rate() {
            long span = last.get() - first.get();
            return records.get() < 2 || span <= 0 ? 0 : (records.get() - 1) * 1e9 / span;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Handler handler;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public TopicWatch(String bootstrap, String name, List<String> topics, Handler handler) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadrelay-harness-" + name);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.handler = handler;
        topics.forEach(topic -> counts.put(topic, new Count()));
        this.thread = new Thread(this::run, "watch-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts reading from the topics' current ends; returns once positioned there. */
    public TopicWatch start() throws InterruptedException {
        thread.start();
        if (!positioned.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the topic watch could not position itself on " + topics + ": " + failure);
        }
        return this;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofMinutes(1))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, so later records are never skipped
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    counts.get(record.topic()).seen(now);
                    handler.handle(record, now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            positioned.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public Count count(String topic) {
        return counts.get(topic);
    }

    /** A failure of the watch thread, if it stopped on one. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
