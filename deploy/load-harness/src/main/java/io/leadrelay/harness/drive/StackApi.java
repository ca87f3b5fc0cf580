package io.leadrelay.harness.drive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.world.SyntheticLead;
import io.leadrelay.schemas.PartnerProfile;

/** The contract's HTTP paths, as a lead source, an administrator and partners use them. Nothing else. */
public final class StackApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI ingest;
    private final URI routing;
    private final URI feedback;
    private final String adminToken;

    public StackApi(URI ingest, URI routing, URI feedback, String adminToken, Executor executor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
        this.ingest = ingest;
        this.routing = routing;
        this.feedback = feedback;
        this.adminToken = adminToken;
    }

    public static StackApi of(LocalStack stack, Executor executor) {
        return new StackApi(stack.serviceUrl("ingest-service").orElseThrow(() -> new IllegalStateException("ingest-service is not running")),
                stack.serviceUrl("routing-stream").orElseThrow(() -> new IllegalStateException("routing-stream is not running")),
                stack.serviceUrl("feedback-service").orElseThrow(() -> new IllegalStateException("feedback-service is not running")),
                stack.adminToken(), executor);
    }

    /** The answer to a lead submission: status and, on 202, the lead id. */
    public record Ack(int status, String leadId, String body) {
    }

    /** Submits a lead (JSON or form, with its idempotency key); completes exceptionally only when nothing answered. */
    public CompletableFuture<Ack> submit(SyntheticLead lead) {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(TIMEOUT).header("Idempotency-Key", lead.idempotencyKey());
        if (lead.form()) {
            String body = lead.formFields().entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            request.uri(ingest.resolve("/api/v1/leads/form"))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.uri(ingest.resolve("/api/v1/leads")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(lead.fields())));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            String leadId = null;
            if (response.statusCode() == 202) {
                leadId = read(response.body()).path("leadId").asText(null);
            }
            return new Ack(response.statusCode(), leadId, response.body());
        });
    }

    // ---------------------------------------------------------------------------------------------- admin

    public void putPartner(PartnerProfile partner) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", partner.getName());
        body.put("territories", partner.getTerritories().stream()
                .map(t -> Map.of("country", t.getCountry(), "postalPrefixes", t.getPostalPrefixes())).toList());
        body.put("products", partner.getProducts());
        body.put("tier", partner.getTier().name());
        body.put("capacity", partner.getCapacity());
        body.put("weight", partner.getWeight());
        body.put("acceptSla", partner.getAcceptSla());
        body.put("active", partner.getActive());
        expect2xx(send(HttpRequest.newBuilder(feedback.resolve("/api/v1/admin/partners/" + partner.getPartnerId()))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body)))), "PUT partner " + partner.getPartnerId());
    }

    /** Issues an API token for a partner (admin API). */
    public String partnerToken(String partnerId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(feedback.resolve("/api/v1/admin/partners/" + partnerId + "/tokens"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        expect2xx(response, "token for " + partnerId);
        return read(response.body()).path("token").asText();
    }

    // -------------------------------------------------------------------------------------------- partner

    /** One entry of a partner's inbox. */
    public record InboxItem(String leadId, String state, String deadline) {
    }

    public CompletableFuture<List<InboxItem>> inbox(String token) {
        HttpRequest request = HttpRequest.newBuilder(feedback.resolve("/api/v1/partner/leads")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("inbox answered " + response.statusCode() + ": " + response.body());
            }
            List<InboxItem> items = new java.util.ArrayList<>();
            for (JsonNode item : read(response.body())) {
                items.add(new InboxItem(item.path("leadId").asText(), item.path("state").asText(),
                        item.path("deadline").asText(null)));
            }
            return items;
        });
    }

    /** The answer to a partner action: HTTP status, the request id (on 2xx and on routing's rejections), the outcome. */
    public record ActionAnswer(int status, String requestId, String outcome, String body) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** {@code action}: accept, return, progress or close. */
    public CompletableFuture<ActionAnswer> act(String token, String leadId, String action, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(feedback.resolve("/api/v1/partner/leads/" + leadId + "/" + action))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : json(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : read(response.body());
            return new ActionAnswer(response.statusCode(), answer.path("requestId").asText(null),
                    answer.path("outcome").asText(answer.path("status").asText(null)), response.body());
        });
    }

    // -------------------------------------------------------------------------------------------- routing

    /** {@code GET /api/v1/leads/{leadId}} of routing-stream, or null while routing does not know the lead. */
    public JsonNode lead(String leadId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(routing.resolve("/api/v1/leads/" + leadId)).GET());
        return response.statusCode() == 200 ? read(response.body()) : null;
    }

    /** Prometheus text of a service's {@code /q/metrics}, empty when it does not answer. */
    public String metrics(URI service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/q/metrics")).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether {@code /q/health/ready} of the service answers 200. */
    public boolean ready(URI service) {
        try {
            return http.send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).timeout(Duration.ofSeconds(3)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public URI ingestUrl() {
        return ingest;
    }

    public URI routingUrl() {
        return routing;
    }

    public URI feedbackUrl() {
        return feedback;
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect2xx(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
