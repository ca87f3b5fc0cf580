package io.leadrelay.ingest.intake;

import java.util.Map;

import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of the test's own (with the catalog topics) that the test may stop, and the shared registry. The test
 * class and this resource may be loaded by different class loaders, so the stop action is handed over as a plain
 * {@link Runnable} in the system properties.
 */
public class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String STOP_ACTION = "ingest.test.own-broker.stop";

    private EmbeddedKafka broker;
    private boolean stopped;

    /** Stops the broker the running service is connected to. */
    public static void stopBroker() {
        ((Runnable) System.getProperties().get(STOP_ACTION)).run();
    }

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafka.start();
        broker.createCatalogTopics();
        System.getProperties().put(STOP_ACTION, (Runnable) this::stopOnce);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "leadrelay.registry.url", EmbeddedRegistry.shared().registryUrl());
    }

    private synchronized void stopOnce() {
        if (!stopped) {
            stopped = true;
            broker.stop();
        }
    }

    @Override
    public void stop() {
        stopOnce();
        System.getProperties().remove(STOP_ACTION);
    }
}
