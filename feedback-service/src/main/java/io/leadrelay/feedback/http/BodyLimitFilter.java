package io.leadrelay.feedback.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.leadrelay.feedback.config.FeedbackConfig;

/** Refuses announced bodies above the configured size before anything reads them. */
public class BodyLimitFilter {

    private final long maxBytes;

    BodyLimitFilter(FeedbackConfig config) {
        this.maxBytes = config.http().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long announced;
        try {
            announced = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Problem.response(400, "malformed-request", "Malformed request", "Invalid Content-Length.");
        }
        if (announced > maxBytes) {
            return Problem.response(413, "too-large", "Body too large", "At most " + maxBytes + " bytes are accepted.");
        }
        return null;
    }
}
