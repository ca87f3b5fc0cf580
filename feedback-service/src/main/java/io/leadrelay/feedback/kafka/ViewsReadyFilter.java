package io.leadrelay.feedback.kafka;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.Readiness;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.leadrelay.feedback.http.Problem;

/**
 * Until tokens, inboxes and the sales queue have been read up to date (after a start or restart), the API answers
 * 503 with Retry-After: a 401 for a token not read yet, or a 404 for a lead whose offer is not read yet, would be
 * a wrong answer that a partner system acts on.
 */
public class ViewsReadyFilter {

    static final String API = "api/";
    static final String SALES_API = "api/v1/sales/";
    static final String RETRY_AFTER_SECONDS = "2";

    private final Feeds feeds;

    ViewsReadyFilter(@Readiness Feeds feeds) {
        this.feeds = feeds;
    }

    @ServerRequestFilter(preMatching = true)
    public Response awaitViews(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        // The sales queue reads the whole lifecycle topic; partners need not wait for it.
        boolean caughtUp = relative.startsWith(SALES_API) ? feeds.caughtUp() : feeds.apiCaughtUp();
        return answer(relative, caughtUp);
    }

    /** 503 for an API path (relative, without a leading slash) while its views catch up; null (go on) otherwise. */
    static Response answer(String relative, boolean caughtUp) {
        if (caughtUp || !relative.startsWith(API)) {
            return null;
        }
        Response problem = Problem.response(503, "catching-up", "Temporarily unavailable",
                "The service is reading its views up to date after a start; retry shortly. Nothing was changed.");
        return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
