package io.leadrelay.ingest.meta;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.leadrelay.ingest.formats.JsonSubmissions;

/** Reads one Lead Ads lead from the Graph API ({@code GET /{version}/{leadgen-id}}). */
public final class GraphApi {

    /** Why a fetch failed, and whether trying again can help. */
    public static final class FetchFailed extends Exception {
        private final boolean retryable;

        public FetchFailed(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String version;
    private final String accessToken;
    private final Duration timeout;

    public GraphApi(String baseUrl, String version, String accessToken, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.version = version;
        this.accessToken = accessToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Reads one lead without holding the calling thread; the future fails with a {@link FetchFailed} (wrapped in a
     * {@link java.util.concurrent.CompletionException}).
     */
    public CompletableFuture<GraphLead> fetch(String leadgenId) {
        if (accessToken == null || accessToken.isEmpty()) {
            return CompletableFuture.failedFuture(new FetchFailed("no Graph API access token configured", true, null));
        }
        URI uri = URI.create(baseUrl + "/" + version + "/" + URLEncoder.encode(leadgenId, StandardCharsets.UTF_8)
                + "?fields=field_data,created_time,ad_id,form_id,campaign_name&access_token="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        throw new CompletionException(new FetchFailed("Graph API unreachable: " + cause.getMessage(), true, cause));
                    }
                    return lead(response);
                });
    }

    private static GraphLead lead(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 200) {
            // 429 and 5xx pass; 4xx (unknown lead, revoked token) may need a person but is kept and retried too
            throw new CompletionException(new FetchFailed("Graph API answered HTTP " + status, true, null));
        }
        try {
            return new GraphLead(response.body(), JsonSubmissions.STRICT.readTree(response.body()));
        } catch (IOException e) {
            throw new CompletionException(new FetchFailed("Graph API answered malformed JSON", true, e));
        }
    }
}
