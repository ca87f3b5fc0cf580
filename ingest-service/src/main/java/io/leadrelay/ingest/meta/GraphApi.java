package io.leadrelay.ingest.meta;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    public GraphLead fetch(String leadgenId) throws FetchFailed {
        if (accessToken == null || accessToken.isEmpty()) {
            throw new FetchFailed("no Graph API access token configured", true, null);
        }
        URI uri = URI.create(baseUrl + "/" + version + "/" + URLEncoder.encode(leadgenId, StandardCharsets.UTF_8)
                + "?fields=field_data,created_time,ad_id,form_id,campaign_name&access_token="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FetchFailed("Graph API unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            // 429 and 5xx pass; 4xx (unknown lead, revoked token) may need a person but is kept and retried too
            throw new FetchFailed("Graph API answered HTTP " + status, true, null);
        }
        try {
            return new GraphLead(response.body(), JsonSubmissions.STRICT.readTree(response.body()));
        } catch (IOException e) {
            throw new FetchFailed("Graph API answered malformed JSON", true, e);
        }
    }
}
