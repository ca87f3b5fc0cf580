package io.leadrelay.ingest.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.RawLead;

/**
 * Takes a normalised lead in: gives it an id, answers a repeat of a keyed lead with the id it already has, and
 * otherwise writes it to {@code leads.raw}, completing only once the broker acknowledged.
 */
public final class LeadIntake {

    /** A lead ready to write: its profile and the submission it came from, untouched. */
    public record Submission(LeadProfile profile, String rawContentType, String rawSubmission) {
    }

    private final RawLeadPublisher publisher;
    private final KeyIndex keys;
    private final IntakeMetrics metrics;
    private final Clock clock;
    /** Keyed leads being written by this instance, so a concurrent repeat joins the first write. */
    private final Map<String, CompletableFuture<Receipt>> inFlight = new ConcurrentHashMap<>();

    public LeadIntake(RawLeadPublisher publisher, KeyIndex keys, IntakeMetrics metrics, Clock clock) {
        this.publisher = publisher;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    public IntakeMetrics metrics() {
        return metrics;
    }

    /** Waits until repeats of anything already acknowledged anywhere are recognised; once per request. */
    public void prepareForKeys() {
        keys.awaitCaughtUp();
    }

    /** Whether a keyed lead with this id is already stored (within the window), after {@link #prepareForKeys()}. */
    public boolean isStored(String leadId) {
        return keys.receivedAt(leadId).isPresent();
    }

    /**
     * Writes a lead with a random id. The future fails with {@link BrokerUnavailableException} when Kafka did not
     * acknowledge in time.
     */
    public CompletableFuture<Receipt> submit(String source, Submission submission) {
        return write(source, LeadIds.random(), submission, false);
    }

    /**
     * Writes a keyed lead unless it is already stored; call {@link #prepareForKeys()} first in the same request.
     * {@code leadId} comes from {@link LeadIds#deterministic}.
     */
    public CompletableFuture<Receipt> submitKeyed(String source, String leadId, Submission submission) {
        if (isStored(leadId)) {
            metrics.replayed(source);
            return CompletableFuture.completedFuture(new Receipt(leadId, true));
        }
        CompletableFuture<Receipt> mine = new CompletableFuture<>();
        CompletableFuture<Receipt> running = inFlight.putIfAbsent(leadId, mine);
        if (running != null) {
            metrics.replayed(source);
            return running.thenApply(r -> new Receipt(r.leadId(), true));
        }
        write(source, leadId, submission, true).whenComplete((receipt, error) -> {
            inFlight.remove(leadId, mine);
            if (error == null) {
                mine.complete(receipt);
            } else {
                mine.completeExceptionally(error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error);
            }
        });
        return mine;
    }

    private CompletableFuture<Receipt> write(String source, String leadId, Submission submission, boolean keyed) {
        Instant receivedAt = clock.instant();
        RawLead lead = RawLead.newBuilder()
                .setLeadId(leadId)
                .setReceivedAt(receivedAt)
                .setProfile(submission.profile())
                .setRawContentType(submission.rawContentType())
                .setRawSubmission(submission.rawSubmission())
                .build();
        long started = System.nanoTime();
        return publisher.publish(lead, keyed).handle((metadata, error) -> {
            if (error != null) {
                metrics.failed(source);
                throw error instanceof RuntimeException re ? re : new CompletionException(error);
            }
            metrics.ackLatency(source, Duration.ofNanos(System.nanoTime() - started));
            metrics.accepted(source);
            if (keyed) {
                keys.remember(leadId, receivedAt);
            }
            return new Receipt(leadId, false);
        });
    }
}
