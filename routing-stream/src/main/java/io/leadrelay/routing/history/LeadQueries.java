package io.leadrelay.routing.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.LeadCase;

/**
 * Interactive queries for one lead: answered from this instance's stores when it owns the lead's partition,
 * otherwise forwarded once to the owning instance (found through the stream metadata).
 */
@ApplicationScoped
public class LeadQueries {

    /** Marks a forwarded request so the receiver answers locally and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Leadrelay-Forwarded";

    /** Outcome of a query: a found lead, unknown lead, the remote answer as-is, or not answerable right now. */
    public sealed interface Answer {
        record Found(LeadView view) implements Answer {
        }

        record NotFound() implements Answer {
        }

        record Remote(int status, String contentType, String body) implements Answer {
        }

        record Unavailable(String why) implements Answer {
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    KafkaStreams streams;

    public Answer find(String leadId, boolean forwarded) {
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(StoreNames.LEAD_CASES, leadId, Serdes.String().serializer());
        } catch (RuntimeException e) {
            return new Answer.Unavailable("stream metadata not available: " + e.getMessage());
        }
        QueryRouting.Route route = QueryRouting.decide(meta, forwarded, localPartitions());
        if (route instanceof QueryRouting.Route.Local l) {
            return local(leadId, l.partition());
        }
        if (route instanceof QueryRouting.Route.Forward f) {
            return forward(f.hostAndPort(), leadId);
        }
        return new Answer.Unavailable(((QueryRouting.Route.Unavailable) route).why());
    }

    /** Partitions of this instance's active tasks. */
    private Set<Integer> localPartitions() {
        return streams.metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .map(task -> task.taskId().partition()).collect(Collectors.toSet());
    }

    private Answer local(String leadId, int partition) {
        try {
            ReadOnlyKeyValueStore<String, LeadCase> cases = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.LEAD_CASES, QueryableStoreTypes.<String, LeadCase>keyValueStore())
                    .withPartition(partition));
            ReadOnlyKeyValueStore<String, LeadHistory> histories = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.LEAD_HISTORY, QueryableStoreTypes.<String, LeadHistory>keyValueStore())
                    .withPartition(partition));
            Optional<LeadView> view = LeadViews.of(leadId, cases.get(leadId), histories.get(leadId));
            return view.<Answer>map(Answer.Found::new).orElseGet(Answer.NotFound::new);
        } catch (InvalidStateStoreException e) {
            return new Answer.Unavailable("state is being restored or rebalanced");
        }
    }

    private Answer forward(String owner, String leadId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + owner + "/api/v1/leads/"
                + java.net.URLEncoder.encode(leadId, StandardCharsets.UTF_8).replace("+", "%20")))
                .header(FORWARDED_HEADER, "true").timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer.Remote(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (IOException e) {
            return new Answer.Unavailable("owning instance " + owner + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unavailable("interrupted");
        }
    }
}
