package io.leadrelay.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the module's shared real broker (with every catalog topic) and registry before Quarkus boots,
 * and points the service at them. Use with {@code @WithTestResource(LeadrelayTestResource.class)}.
 * Both outlive a single test class: they are stopped when the test JVM exits.
 */
public class LeadrelayTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        EmbeddedRegistry registry = EmbeddedRegistry.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers());
        config.put("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", registry.registryUrl());
        config.put("leadrelay.registry.url", registry.registryUrl());
        config.put("kafka-streams.commit.interval.ms", "100");
        config.put("kafka-streams.statestore.cache.max.bytes", "0");
        return config;
    }

    @Override
    public void stop() {
        // Shared across test classes of the module; stopped by the JVM shutdown hooks.
    }
}
