package io.leadrelay.qualification.topology;

import org.apache.kafka.common.header.Headers;

/**
 * Where the company source loader parks a {@code reference.companies} record it cannot read. The loader runs on
 * Kafka Streams' global thread, which has no producer of its own to forward with, so the dead letter is sent
 * through this (in the service: {@link KafkaCompanyDeadLetters}).
 */
@FunctionalInterface
public interface CompanyDeadLetters {

    /** Sends the record as read (key, original bytes) with {@code DeadLetterHeaders} saying why and where. */
    void send(String key, byte[] value, Headers headers);
}
