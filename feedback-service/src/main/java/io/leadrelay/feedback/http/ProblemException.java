package io.leadrelay.feedback.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Ends a request with a problem+json answer. */
public class ProblemException extends RuntimeException {

    private final transient Response response;

    public ProblemException(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.response(422, "invalid-input", "Invalid input",
                "One or more fields are invalid.", errors, null));
    }

    public static ProblemException malformed(String detail) {
        return new ProblemException(Problem.response(400, "malformed-request", "Malformed request", detail));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.response(404, "not-found", "Not found", what));
    }

    public static ProblemException conflict(String detail, Map<String, Object> extra) {
        return new ProblemException(Problem.response(409, "conflict", "Not allowed now", detail, null, extra));
    }

    public static ProblemException unavailable() {
        return new ProblemException(Problem.response(503, "unavailable", "Temporarily unavailable",
                "The request could not be recorded; nothing was changed. Try again."));
    }
}
