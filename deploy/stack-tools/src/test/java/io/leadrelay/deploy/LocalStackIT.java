package io.leadrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * deploy/local/run.sh for real: broker and registry as processes, topics, demo data through the
 * registry, then SIGTERM, after which no process of the stack may be left. Runs on free ports, without
 * services and without building (the reactor built broker, registry and these tools before).
 */
class LocalStackIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    @Test
    void runShStartsTheStackAndStopsEverything() throws Exception {
        // A missing build must fail this test, never skip it: a skipped stack test proves nothing.
        assertThat(Files.exists(ROOT.resolve("deploy/broker/target/broker.classpath"))
                && Files.exists(ROOT.resolve("deploy/registry/target/apicurio/quarkus-run.jar")))
                .as("broker classpath and unpacked registry (build deploy/broker and deploy/registry first)").isTrue();
        Path data = Path.of(System.getProperty("user.dir")).resolve("target/local-stack-it").toAbsolutePath();
        int[] ports = freePorts(4);

        LocalStack stack = LocalStack.builder(ROOT).dataDir(data).clean(true).build(false).services(List.of())
                .env("LEADRELAY_KAFKA_PORT", String.valueOf(ports[0]))
                .env("LEADRELAY_CONTROLLER_PORT", String.valueOf(ports[1]))
                .env("LEADRELAY_REGISTRY_PORT", String.valueOf(ports[2]))
                .env("LEADRELAY_REGISTRY_MANAGEMENT_PORT", String.valueOf(ports[3]))
                .env("LEADRELAY_DEMO_COMPANIES", "50")
                .env("LEADRELAY_ADMIN_TOKEN", "it-admin-token")
                .startTimeout(Duration.ofMinutes(4))
                .start();
        List<Long> pids;
        try (stack) {
            assertThat(stack.kafkaBootstrap()).isEqualTo("127.0.0.1:" + ports[0]);
            assertThat(stack.registryUrl()).isEqualTo("http://127.0.0.1:" + ports[2] + "/apis/registry/v3");
            assertThat(stack.adminToken()).isEqualTo("it-admin-token");
            assertThat(stack.serviceUrl("ingest-service")).isEmpty();
            assertThat(stack.output()).contains("topics: ", "demo data: reference.partners +13; reference.companies +50");

            pids = stackPids(data);
            assertThat(pids).hasSize(2); // broker and registry

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(topics).containsAll(TopicSpec.catalog().stream().map(TopicSpec::name).toList());
            }
            Map<String, CompanyProfile> companies = readCompanies(stack, 50);
            assertThat(companies).hasSize(50);
            assertThat(companies.get("example-gmbh.de").getAnnualRevenue().getAmount()).isEqualByComparingTo("42000000");

            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.registryCcompatUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).contains("reference.companies-value", "reference.partners-value");
        }

        assertThat(stack.output()).contains("stopping registry", "stopping broker", "stopped");
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
        }
        assertThat(stackPids(data)).isEmpty();
        assertThat(data.resolve("stack.env")).doesNotExist();
    }

    private static Map<String, CompanyProfile> readCompanies(LocalStack stack, int expected) {
        Map<String, Object> config = new HashMap<>(RegistrySerdes.config(stack.registryUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var topic = Topics.REFERENCE_COMPANIES;
        Map<String, CompanyProfile> values = new HashMap<>();
        try (KafkaConsumer<String, CompanyProfile> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde(new RegistrySerdes(stack.registryUrl())).deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CompanyProfile> record : consumer.poll(Duration.ofMillis(200))) {
                    values.put(record.key(), record.value());
                }
            }
        }
        return values;
    }

    /** Processes whose command line carries this data directory's marker. */
    private static List<Long> stackPids(Path data) throws IOException {
        String marker = "-Dleadrelay.stack=" + data;
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")));
                    if (List.of(cmdline.split("\0")).contains(marker)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return pids;
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }
}
