package io.leadrelay.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import io.leadrelay.schemas.catalog.DeadLetterTopic;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * A real single-node KRaft broker in the test JVM, shared by all tests of a module: started once,
 * stopped at JVM exit. Auto-create is off so a misspelt topic fails instead of appearing.
 */
public final class EmbeddedKafka {

    /** Brokers not yet stopped, in start order; one JVM shutdown hook stops them all. */
    private static final List<EmbeddedKafka> running = new ArrayList<>();
    private static EmbeddedKafka shared;

    private final KafkaClusterTestKit cluster;
    /** The test kit's own clean-ups (deleting the broker's directories), run only once the broker stopped. */
    private final List<Runnable> cleanups;
    private boolean stopped;

    static {
        keepTestJvmAlive();
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKafka::stopAll, "embedded-kafka-stop"));
    }

    private EmbeddedKafka(KafkaClusterTestKit cluster, List<Runnable> cleanups) {
        this.cluster = cluster;
        this.cleanups = cleanups;
    }

    /** The module's shared broker, with every catalog topic and dead-letter topic created. */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            shared = start();
            shared.createCatalogTopics();
        }
        return shared;
    }

    /** A broker of its own, for tests that stop it (outages). Call {@link #stop()} when done. */
    public static synchronized EmbeddedKafka start() {
        List<Runnable> cleanups = new ArrayList<>();
        // The kit deletes its directories in JVM shutdown hooks of its own, which would race with the broker's
        // own shutdown (a deleted log dir makes the broker halt the JVM); defer them until the broker stopped.
        Exit.setShutdownHookAdder((name, cleanup) -> cleanups.add(cleanup));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "6")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "6")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, cleanups);
            running.add(kafka);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    /**
     * The broker calls {@code Exit.halt} on a fatal fault such as a failed log directory; in a test JVM that would
     * end the run with a non-zero exit code and no word why. Report it on stderr and let the tests fail on their own.
     */
    private static void keepTestJvmAlive() {
        Exit.Procedure report = (statusCode, message) -> new IllegalStateException(
                "the embedded Kafka broker asked to end the JVM with status " + statusCode + ": " + message)
                .printStackTrace();
        Exit.setExitProcedure(report);
        Exit.setHaltProcedure(report);
    }

    private static synchronized void stopAll() {
        for (EmbeddedKafka kafka : List.copyOf(running)) {
            try {
                kafka.stop();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** Creates every topic of the catalog and its dead-letter topics; existing ones are left as they are. */
    public void createCatalogTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1);
            if (topic.compacted()) {
                newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(newTopic);
        }
        for (DeadLetterTopic dlq : Topics.deadLetterTopics()) {
            topics.add(new NewTopic(dlq.name(), dlq.partitions(), (short) 1));
        }
        createTopics(topics);
    }

    /** Creates topics (e.g. a test's own, or a stream application's internal ones); existing ones are kept. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker, then deletes its directories. */
    public void stop() {
        synchronized (EmbeddedKafka.class) {
            if (stopped) {
                return;
            }
            stopped = true;
            running.remove(this);
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker", e);
        } finally {
            cleanups.forEach(Runnable::run);
        }
    }
}
