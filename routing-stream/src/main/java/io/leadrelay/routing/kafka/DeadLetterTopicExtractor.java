package io.leadrelay.routing.kafka;

import java.util.List;

import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a dead letter to the dead-letter topic of the input topic it was read from. */
final class DeadLetterTopicExtractor implements TopicNameExtractor<String, byte[]> {

    private final List<String> deadLetterTopics;
    private final String fallback;

    DeadLetterTopicExtractor(List<String> deadLetterTopics, String fallback) {
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        this.fallback = fallback;
    }

    @Override
    public String extract(String key, byte[] value, RecordContext context) {
        String topic = context.topic() + ".dlq";
        return deadLetterTopics.contains(topic) ? topic : fallback;
    }

    @Override
    public String toString() {
        return "DeadLetterTopicExtractor" + deadLetterTopics;
    }
}
