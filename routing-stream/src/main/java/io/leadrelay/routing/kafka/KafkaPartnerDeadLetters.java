package io.leadrelay.routing.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.leadrelay.routing.lead.LeadRouter;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Sends unreadable partner records to {@code reference.partners.dlq} with a small idempotent, non-transactional
 * producer of its own: the global thread that loads the partner store has no producer, transactional or not. The
 * send is waited for, so the loader moves on only once the dead letter is stored. The global store's offsets are
 * not transactional, so after a crash a dead letter can be written twice, never lost silently (a failed send is
 * logged).
 */
public final class KafkaPartnerDeadLetters implements PartnerDeadLetters, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPartnerDeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> config;
    /** Created with the first dead letter: a healthy partner directory never needs a producer. */
    private KafkaProducer<String, byte[]> producer;

    public KafkaPartnerDeadLetters(String bootstrapServers) {
        this.config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, LeadRouter.SERVICE + "-partner-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Override
    public synchronized void send(String key, byte[] value, Headers headers) {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        String topic = Topics.REFERENCE_PARTNERS.deadLetter().name();
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "unreadable partner record %s could not be written to %s", key, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf(e, "interrupted while writing unreadable partner record %s to %s", key, topic);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
