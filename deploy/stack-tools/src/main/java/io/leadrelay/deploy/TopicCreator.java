package io.leadrelay.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalog's topics with Kafka's AdminClient. Idempotent: topics that exist are left as
 * they are, and where their layout differs from the catalog (partition count, compaction) that is
 * reported as a warning, never "fixed" (adding partitions would move keys between partitions).
 */
public final class TopicCreator {

    /** What one run did. */
    public record Result(List<String> created, List<String> existing, List<String> warnings) {

        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            warnings = List.copyOf(warnings);
        }

        public String summary() {
            return "topics: " + created.size() + " created, " + existing.size() + " already there"
                    + (warnings.isEmpty() ? "" : ", " + warnings.size() + " differ from the catalog");
        }
    }

    private final Admin admin;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /**
     * @param replicationFactor empty takes the broker's {@code default.replication.factor}
     * @param timeout           for each admin call
     */
    public TopicCreator(Admin admin, Optional<Short> replicationFactor, Duration timeout) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    public Result ensure(Collection<TopicSpec> specs) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> present = get(admin.listTopics().names());
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<TopicSpec> toVerify = new ArrayList<>();

        List<NewTopic> missing = new ArrayList<>();
        Map<String, TopicSpec> byName = new HashMap<>();
        for (TopicSpec spec : specs) {
            byName.put(spec.name(), spec);
            if (present.contains(spec.name())) {
                existing.add(spec.name());
                toVerify.add(spec);
            } else {
                missing.add(newTopic(spec));
            }
        }
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing);
            for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
                try {
                    get(entry.getValue());
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Someone else created it between our list and create: fine, check its layout.
                    existing.add(entry.getKey());
                    toVerify.add(byName.get(entry.getKey()));
                }
            }
        }
        return new Result(ordered(created, specs), ordered(existing, specs), verify(toVerify));
    }

    private NewTopic newTopic(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor);
        if (spec.compacted()) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }

    private List<String> verify(List<TopicSpec> specs) throws InterruptedException, ExecutionException, TimeoutException {
        if (specs.isEmpty()) {
            return List.of();
        }
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());

        List<String> warnings = new ArrayList<>();
        for (TopicSpec spec : specs) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                warnings.add(spec.name() + " has " + partitions + " partitions, the catalog says " + spec.partitions());
            }
            ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            boolean compacted = policy != null && policy.value() != null
                    && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            if (compacted != spec.compacted()) {
                warnings.add(spec.name() + " has cleanup.policy=" + (policy == null ? "?" : policy.value())
                        + ", the catalog says " + (spec.compacted() ? "compact" : "delete"));
            }
        }
        return warnings;
    }

    private static List<String> ordered(List<String> names, Collection<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).filter(names::contains).toList();
    }

    private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
