package io.leadrelay.schemas.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Header names on every dead-letter record, the same in every service, and a builder for them. */
public final class DeadLetterHeaders {

    public static final String EXCEPTION = "leadrelay.error.exception";
    public static final String MESSAGE = "leadrelay.error.message";
    public static final String SOURCE_TOPIC = "leadrelay.error.topic";
    public static final String SOURCE_PARTITION = "leadrelay.error.partition";
    public static final String SOURCE_OFFSET = "leadrelay.error.offset";
    public static final String FAILED_AT = "leadrelay.error.at";
    public static final String SERVICE = "leadrelay.error.service";

    private static final int MAX_MESSAGE_LENGTH = 2_000;

    private DeadLetterHeaders() {
    }

    /**
     * Headers saying why and where a record failed. {@code original} headers are kept first so nothing the
     * producer sent is lost.
     */
    public static Headers describe(Headers original, Throwable error, String sourceTopic, int partition, long offset,
            String service, Instant failedAt) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, EXCEPTION, error.getClass().getName());
        String message = String.valueOf(error.getMessage());
        put(headers, MESSAGE, message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, SERVICE, service);
        put(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
