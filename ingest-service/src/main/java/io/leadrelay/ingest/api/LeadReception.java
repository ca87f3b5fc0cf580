package io.leadrelay.ingest.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.errors.RecordTooLargeException;

import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.intake.BrokerUnavailableException;
import io.leadrelay.ingest.intake.LeadIds;
import io.leadrelay.ingest.intake.LeadIntake;
import io.leadrelay.ingest.intake.Receipt;
import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.LeadNormaliser;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.lead.Normalised;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.ingest.problem.Problem;
import io.leadrelay.ingest.problem.ProblemException;
import io.leadrelay.ingest.problem.ProblemMappers;

/** What every endpoint does with one lead: validate, take it in, and turn the outcome into an HTTP answer. */
@ApplicationScoped
public class LeadReception {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final LeadNormaliser normaliser;
    private final LeadIntake intake;
    private final IngestConfig config;

    public LeadReception(LeadNormaliser normaliser, LeadIntake intake, IngestConfig config) {
        this.normaliser = normaliser;
        this.intake = intake;
        this.config = config;
    }

    public LeadIntake intake() {
        return intake;
    }

    /** Validates the Idempotency-Key header: printable ASCII without spaces, at most 255 characters. */
    public static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (!KEY.matcher(header).matches()) {
            throw ProblemException.badRequest("invalid Idempotency-Key", List.of(new FieldError(IDEMPOTENCY_KEY,
                    "INVALID", "1 to 255 printable ASCII characters without spaces")));
        }
        return header;
    }

    /** Normalises a submission or refuses it with 422 (counted as rejected). */
    public Normalised normalise(String source, LeadSubmission submission, Origin origin) {
        intake.metrics().received(source);
        Normalised normalised = normaliser.normalise(submission, origin);
        if (!normalised.isAccepted()) {
            intake.metrics().rejected(source);
        }
        return normalised;
    }

    /** Counts a request refused before its fields could be read (malformed, too large, wrong type). */
    public void refused(String source) {
        intake.metrics().received(source);
        intake.metrics().rejected(source);
    }

    /**
     * Validates and writes one lead. {@code keyScope} and {@code key} (both null when the submitter gave none)
     * make the lead id deterministic. Blocks only for the idempotency catch-up; the answer waits for the broker.
     */
    public CompletableFuture<Receipt> receive(String source, LeadSubmission submission, Origin origin,
            String rawContentType, String raw, String keyScope, String key) {
        Normalised normalised = normalise(source, submission, origin);
        if (!normalised.isAccepted()) {
            throw ProblemException.invalid(normalised.errors());
        }
        return write(source, normalised, rawContentType, raw, keyScope, key, true);
    }

    /** Writes an already normalised lead; {@code prepare} false when the caller already caught up the key index. */
    public CompletableFuture<Receipt> write(String source, Normalised normalised, String rawContentType, String raw,
            String keyScope, String key, boolean prepare) {
        LeadIntake.Submission submission = new LeadIntake.Submission(normalised.profile(), rawContentType, raw);
        if (key == null) {
            return intake.submit(source, submission);
        }
        if (prepare) {
            try {
                intake.prepareForKeys();
            } catch (BrokerUnavailableException e) {
                intake.metrics().failed(source);
                return CompletableFuture.failedFuture(e);
            }
        }
        return intake.submitKeyed(source, LeadIds.deterministic(keyScope, key), submission);
    }

    /** 202 with the lead id, or the problem the write ended in. */
    public Response accepted(Receipt receipt, Throwable error) {
        if (error != null) {
            return failure(error);
        }
        Response.ResponseBuilder response = Response.accepted(LeadAccepted.received(receipt.leadId()))
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (receipt.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    public Response failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProblemException problem) {
            return ProblemMappers.toResponse(problem.problem(), problem.retryAfterSeconds());
        }
        if (cause instanceof BrokerUnavailableException) {
            return ProblemMappers.toResponse(unavailable().problem(), config.producer().retryAfterSeconds());
        }
        if (cause instanceof RecordTooLargeException) {
            return ProblemMappers.toResponse(Problem.of("too-large", "The request is too large", 413,
                    "the lead is too large to store"), null);
        }
        throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    }

    public ProblemException unavailable() {
        return ProblemException.unavailable("Kafka did not acknowledge the lead; it is not stored, retry later",
                config.producer().retryAfterSeconds(), null);
    }
}
