package io.leadrelay.feedback.webhook;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** One assignment event to push to one partner system, with its retry state. */
final class Delivery {

    final ConsumerRecord<String, byte[]> source;
    final String partnerId;
    final String deliveryId;
    final String eventType;
    final byte[] body;
    int failedAttempts;
    Instant firstAttempt;
    String lastFailure;

    Delivery(ConsumerRecord<String, byte[]> source, String partnerId, String deliveryId, String eventType, byte[] body) {
        this.source = source;
        this.partnerId = partnerId;
        this.deliveryId = deliveryId;
        this.eventType = eventType;
        this.body = body;
    }

    TopicPartition partition() {
        return new TopicPartition(source.topic(), source.partition());
    }
}
