package io.leadrelay.routing.kafka;

import org.apache.kafka.common.header.Headers;

/** Where the global partner loader parks a {@code reference.partners} record it cannot read. */
@FunctionalInterface
public interface PartnerDeadLetters {

    /** Writes the record unchanged, with {@code DeadLetterHeaders}, to {@code reference.partners.dlq}. */
    void send(String key, byte[] value, Headers headers);
}
