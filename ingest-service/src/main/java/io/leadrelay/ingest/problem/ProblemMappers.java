package io.leadrelay.ingest.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Every error leaves as application/problem+json (RFC 9457), including the framework's own 404/405/415. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response toResponse(Problem problem, Integer retryAfterSeconds) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e.problem(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return toResponse(Problem.of("not-found", "Not found", 404, "no such resource"), null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response response = toResponse(Problem.of("method-not-allowed", "Method not allowed", 405, "method not allowed here"), null);
        return Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return toResponse(Problem.of("unsupported-media-type", "Unsupported content type", 415, "content type not supported here"), null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return toResponse(Problem.of("not-acceptable", "Not acceptable", 406, "this resource answers in JSON"), null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return toResponse(Problem.of("malformed", "The request body cannot be read", 400, "malformed JSON"), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return toResponse(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getResponse().getStatusInfo().getReasonPhrase()), null);
    }

    /** A bug, not an input problem: logged, answered without leaking internals. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return toResponse(Problem.of("internal", "Internal error", 500, "the request could not be processed"), null);
    }
}
