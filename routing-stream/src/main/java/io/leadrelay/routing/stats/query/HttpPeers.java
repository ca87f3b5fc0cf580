package io.leadrelay.routing.stats.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

import io.leadrelay.routing.kafka.Json;

/**
 * The other instances of the application, from the Kafka Streams metadata ({@code application.server} of each),
 * asked for their partial answers over HTTP ({@code GET /api/v1/stats/{view}/partial}).
 */
public final class HttpPeers implements StatsFanOut.Peers {

    public static final String PARTIAL_PATH = "/api/v1/stats/%s/partial";

    private final KafkaStreams streams;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpPeers(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Instances with active partitions other than this one's. This instance is recognised by its partitions rather
     * than by its configured address (a test port is only known after start); an instance without active partitions
     * has nothing to add.
     */
    @Override
    public List<String> others() {
        Set<TopicPartition> local = streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream()).flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
        return streams.metadataForAllStreamsClients().stream()
                .filter(m -> !m.topicPartitions().isEmpty() && !m.topicPartitions().equals(local))
                .map(m -> m.hostInfo().host() + ":" + m.hostInfo().port()).distinct().toList();
    }

    @Override
    public Partial fetch(String hostAndPort, StatsView view, StatsRequest request) throws IOException {
        String query = request.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://" + hostAndPort + String.format(PARTIAL_PATH, view.path())
                + (query.isEmpty() ? "" : "?" + query));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode());
            }
            return Json.read(response.body(), Partial.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
