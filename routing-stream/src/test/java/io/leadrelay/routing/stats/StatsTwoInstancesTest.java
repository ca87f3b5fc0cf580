package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.kafka.KafkaPartnerDeadLetters;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.stats.query.HttpPeers;
import io.leadrelay.routing.stats.query.StatsFanOut;
import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.routing.stats.query.StatsView;
import io.leadrelay.routing.stats.query.StreamsLocalStores;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.FreePorts;

/**
 * Two instances of the production topology (exactly_once_v2, RocksDB, changelogs) on the real broker and registry,
 * each answering its partials over HTTP at its {@code application.server}: a history is replayed, one instance is
 * closed in the middle of it and replaced by a new one with an empty state directory (restored from the changelogs),
 * and afterwards both instances answer every view exactly as the independent computation says.
 *
 * <p>Runs before the {@code @QuarkusTest} classes (pom.xml) and uses its own source channels and partners.
 */
class StatsTwoInstancesTest {

    private static final StatsSettings SETTINGS = new StatsSettings(StatsSettings.DEFAULT_PROBABILITIES,
            Duration.ofMillis(500), Duration.ofSeconds(1), 1_000_000, Set.of());

    private final String prefix = "ti" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private final String applicationId = "routing-stats-" + prefix;
    private final RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
    private final Map<Integer, Instance> instances = new HashMap<>();

    /** One service instance: its stream and the HTTP endpoint other instances ask for partials. */
    private final class Instance {
        final KafkaStreams streams;
        final HttpServer http;
        final StatsFanOut fanOut;

        /** @param member static group member id: a restarted instance takes over its predecessor's partitions */
        Instance(int port, String member, String stateDir) throws IOException {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
            props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), applicationId + member);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "kafka-streams-state", stateDir).toString());
            streams = new KafkaStreams(new RoutingTopology(RoutingRules.of(StatsDriver.settingsWithRates()), SETTINGS,
                    StatsSignals.NONE, new PartnerDirectory(),
                    new KafkaPartnerDeadLetters(EmbeddedKafka.shared().bootstrapServers()), serdes, Clock.systemUTC(), true).build(), props);
            fanOut = new StatsFanOut(new StreamsLocalStores(streams), new HttpPeers(streams), SETTINGS, Map::of);
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            http.createContext("/api/v1/stats/", exchange -> {
                // GET /api/v1/stats/{view}/partial?…: what StatsResource answers in the service
                String view = exchange.getRequestURI().getPath().split("/")[4];
                Map<String, String> q = new HashMap<>();
                String raw = exchange.getRequestURI().getRawQuery();
                if (raw != null) {
                    for (String kv : raw.split("&")) {
                        String[] p = kv.split("=", 2);
                        q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
                    }
                }
                StatsRequest r = StatsRequest.parse(q.get("from"), q.get("to"), q.get("channel"), q.get("campaign"),
                        q.get("partner"), q.get("granularity")).request();
                byte[] body = Json.bytes(fanOut.local(StatsView.valueOf(view.toUpperCase()), r, Instant.now()));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            streams.start();
        }

        void close() {
            streams.close(Duration.ofSeconds(30));
            http.stop(0);
        }
    }

    @AfterEach
    void stop() {
        instances.values().forEach(Instance::close);
    }

    @Test
    void twoInstancesAnswerLikeTheIndependentComputationAcrossARestart() throws IOException {
        List<LifecycleEvent> history = LifecycleHistory.generate(7, prefix, 1_200, 8);
        StatsOracle oracle = new StatsOracle(history);
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        long t0 = System.nanoTime();
        instances.put(1, new Instance(portA, "a", applicationId + "a"));
        instances.put(2, new Instance(portB, "b", applicationId + "b"));

        int middle = history.size() / 2;
        send(history.subList(0, middle));
        // once the first half is partly counted, one instance stops while the second half arrives
        String channel = prefix + LifecycleHistory.CHANNELS[0];
        StatsRequest oneChannel = new StatsRequest(null, null, channel, null, null, null);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            StatsFanOut.Answer a = instances.get(1).fanOut.query(StatsView.FUNNEL, oneChannel, Instant.now());
            return a instanceof StatsFanOut.Answer.Complete c && (Long) c.body().get("leads") > 0;
        });
        System.out.printf("two instances: first half counted after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        send(history.subList(middle, history.size()));
        instances.remove(2).close();
        System.out.printf("two instances: one closed after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        instances.put(3, new Instance(portB, "b", applicationId + "b-restarted"));

        for (String suffix : LifecycleHistory.CHANNELS) {
            StatsRequest r = new StatsRequest(null, null, prefix + suffix, null, null, null);
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().untilAsserted(() -> {
                        for (Instance i : instances.values()) {
                            StatsAssertions.funnelMatches(StatsAssertions.answer(i.fanOut, StatsView.FUNNEL, r,
                                    Instant.now()), oracle.funnel(r), "funnel " + suffix);
                        }
                    });
            for (Instance i : instances.values()) {
                StatsAssertions.forecastMatches(StatsAssertions.answer(i.fanOut, StatsView.FORECAST, r,
                        Instant.now()), oracle.forecast(r), "forecast " + suffix);
            }
        }
        System.out.printf("two instances: all counted after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        for (int p = 0; p < 8; p++) {
            String partner = prefix + "p-" + p;
            StatsRequest r = new StatsRequest(null, null, null, null, partner, null);
            Map<String, StatsOracle.PartnerFigures> expected = Map.of(partner, oracle.partners(r).get(partner));
            for (Instance i : instances.values()) {
                StatsAssertions.partnersMatch(StatsAssertions.answer(i.fanOut, StatsView.PARTNERS, r, Instant.now()),
                        expected, "two instances");
            }
        }
        // the rows are spread over both instances: neither could have answered alone
        for (Instance i : instances.values()) {
            assertThat(i.fanOut.local(StatsView.FUNNEL, StatsRequest.ALL, Instant.now()).partitions
                    .values().iterator().next()).hasSizeBetween(1, Topics.LEAD_PARTITIONS - 1);
        }
    }

    private void send(List<LifecycleEvent> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (KafkaProducer<String, LifecycleEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.LEADS_LIFECYCLE.valueSerde(serdes).serializer())) {
            for (LifecycleEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.LEADS_LIFECYCLE.name(), e.getLeadId(), e));
            }
            producer.flush();
        }
    }
}
