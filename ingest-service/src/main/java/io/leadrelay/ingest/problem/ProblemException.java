package io.leadrelay.ingest.problem;

import java.util.List;

import io.leadrelay.ingest.lead.FieldError;

/** Ends a request with a problem detail; thrown where the refusal is decided, mapped once to the HTTP answer. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null, null);
    }

    public ProblemException(Problem problem, Integer retryAfterSeconds, Throwable cause) {
        super(problem.detail(), cause, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of("malformed", "The request body cannot be read", 400, detail));
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(new Problem("https://leadrelay.io/problems/bad-request", "The request is not valid",
                400, detail, errors));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.invalid("the lead has " + errors.size() + " invalid field(s)", errors));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of("too-large", "The request is too large", 413, detail));
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Problem.of("unsupported-media-type", "Unsupported content type", 415, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Not allowed", 403, detail));
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ProblemException(Problem.of("kafka-unavailable", "The lead could not be stored now", 503, detail),
                retryAfterSeconds, cause);
    }
}
