package io.leadrelay.feedback.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.leadrelay.feedback.kafka.RecordWriter.WriteFailedException;

/** Turns every failure into problem+json; input never produces a 5xx, a broker outage gives 503. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.response();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problem.response(400, "malformed-request", "Malformed request", "The body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response writeFailed(WriteFailedException e) {
        LOG.warnf("write failed: %s", e.getMessage());
        return ProblemException.unavailable().response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request failed");
            return Problem.response(500, "internal", "Internal error", null);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        Response.ResponseBuilder answer = Response.fromResponse(
                Problem.response(status, "http-" + status, title, null));
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            answer.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected failure");
        return Problem.response(500, "internal", "Internal error", null);
    }
}
