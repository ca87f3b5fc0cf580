package io.leadrelay.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadrelay.schemas.catalog.DeadLetterTopic;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/** The layout of one topic to create: what the catalog says about it, nothing more. */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name missing");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
    }

    public static TopicSpec of(Topic<?> topic) {
        return new TopicSpec(topic.name(), topic.partitions(), topic.compacted());
    }

    public static TopicSpec of(DeadLetterTopic topic) {
        return new TopicSpec(topic.name(), topic.partitions(), false);
    }

    /** Every topic of the catalog ({@link Topics#all()}) followed by every dead-letter topic. */
    public static List<TopicSpec> catalog() {
        Map<String, TopicSpec> specs = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.all()) {
            specs.putIfAbsent(topic.name(), of(topic));
        }
        for (DeadLetterTopic topic : Topics.deadLetterTopics()) {
            specs.putIfAbsent(topic.name(), of(topic));
        }
        return List.copyOf(new ArrayList<>(specs.values()));
    }
}
