package io.leadrelay.harness.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import io.leadrelay.schemas.catalog.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The baseline of the load benchmark, run as its own process: the shape of Leadrelay's pipeline with no work in it.
 * {@code POST /api/v1/leads} produces the body unchanged to {@link #IN} (acks=all, idempotent, as ingest does) and
 * answers 202 with a new id once the broker acknowledged it; two Kafka Streams applications with
 * {@code exactly_once_v2} and one thread each (like qualification and routing) copy {@link #IN} to {@link #MID} and
 * {@link #MID} to {@link #OUT}. What this reaches is the ceiling of the machine for a pipeline of this shape.
 *
 * <p>{@code BaselineServer --bootstrap HOST:PORT --port N --state-dir DIR}; prints {@code baseline ready} once both
 * hops run; SIGTERM stops it.
 */
public final class BaselineServer {

    public static final String IN = "leadrelay-baseline.in";
    public static final String MID = "leadrelay-baseline.mid";
    public static final String OUT = "leadrelay-baseline.out";
    public static final String READY = "baseline ready";

    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String bootstrap = options.getOrDefault("--bootstrap", "127.0.0.1:9092");
        int port = Integer.parseInt(options.getOrDefault("--port", "8099"));
        Path stateDir = Path.of(options.getOrDefault("--state-dir", Files.createTempDirectory("baseline").toString()));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(1, TimeUnit.MINUTES);
            List<NewTopic> missing = List.of(IN, MID, OUT).stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Topics.LEAD_PARTITIONS, (short) -1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(1, TimeUnit.MINUTES);
            }
        }

        KafkaStreams hop1 = hop(bootstrap, stateDir, "leadrelay-baseline-hop1", IN, MID);
        KafkaStreams hop2 = hop(bootstrap, stateDir, "leadrelay-baseline-hop2", MID, OUT);
        CountDownLatch running = new CountDownLatch(2);
        for (KafkaStreams hop : List.of(hop1, hop2)) {
            hop.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING && before != KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            hop.start();
        }

        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer());

        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!"/api/v1/leads".equals(request.path())) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(body -> {
                String id = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(IN, id, body.getBytes()), (metadata, error) -> {
                    if (error == null) {
                        request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                                .end("{\"leadId\":\"" + id + "\",\"state\":\"RECEIVED\"}");
                    } else {
                        request.response().setStatusCode(503).end();
                    }
                });
            });
        });
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);

        if (!running.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the baseline hops did not reach RUNNING");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            producer.close(Duration.ofSeconds(5));
            hop1.close(Duration.ofSeconds(10));
            hop2.close(Duration.ofSeconds(10));
            vertx.close();
            stopped.countDown();
        }));
        System.out.println(READY + " on port " + port);
        System.out.flush();
        stopped.await();
    }

    private static KafkaStreams hop(String bootstrap, Path stateDir, String applicationId, String from, String to) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(from, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(applicationId + "-source"))
                .to(to, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(applicationId + "-sink"));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(applicationId).toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        return new KafkaStreams(builder.build(), config);
    }
}
