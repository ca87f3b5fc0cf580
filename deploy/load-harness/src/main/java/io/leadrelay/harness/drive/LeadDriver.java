package io.leadrelay.harness.drive;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.leadrelay.harness.world.LeadFactory;
import io.leadrelay.harness.world.SyntheticLead;

/**
 * Submits synthetic leads at a target rate (or as fast as the API answers, with a bounded number in flight) and
 * keeps what was acknowledged in the {@link Ledger}. A submission that got no answer, or a 5xx/503, is retried with
 * the same idempotency key until it is acknowledged or {@code retryFor} is over — the way a careful lead source
 * behaves, and what lets a crash of ingest or the broker happen without losing or doubling a lead.
 */
public final class LeadDriver {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final Function<SyntheticLead, CompletableFuture<StackApi.Ack>> submit;
    private final Ledger ledger;
    private final ScheduledExecutorService scheduler;
    private final int maxInFlight;
    private final Duration retryFor;
    private final Semaphore inFlight;

    public LeadDriver(Function<SyntheticLead, CompletableFuture<StackApi.Ack>> submit, Ledger ledger,
            ScheduledExecutorService scheduler, int maxInFlight, Duration retryFor) {
        this.submit = submit;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.maxInFlight = maxInFlight;
        this.retryFor = retryFor;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Submits {@code count} leads (unbounded when {@code count} is 0) at {@code perSecond} (as fast as possible when 0)
     * until {@code stop} says so, then waits until every submission is answered or given up.
     */
    public void drive(LeadFactory factory, long count, double perSecond, BooleanSupplier stop) throws InterruptedException {
        long start = System.nanoTime();
        for (long i = 0; (count == 0 || i < count) && !stop.getAsBoolean(); i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            inFlight.acquire();
            SyntheticLead lead = factory.next();
            ledger.submitted();
            attempt(lead, System.nanoTime() + retryFor.toNanos(), FIRST_BACKOFF);
        }
        awaitQuiet();
    }

    /** Blocks until no submission is in flight. */
    public void awaitQuiet() throws InterruptedException {
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    private void attempt(SyntheticLead lead, long deadline, Duration backoff) {
        submit.apply(lead).whenComplete((ack, error) -> {
            long now = System.nanoTime();
            if (error == null && ack.status() == 202 && ack.leadId() != null) {
                ledger.acked(lead, ack.leadId(), now);
                inFlight.release();
            } else if (error == null && ack.status() < 500 && ack.status() != 408 && ack.status() != 429) {
                ledger.rejected(lead, ack.status(), ack.body());
                inFlight.release();
            } else if (now > deadline) {
                ledger.gaveUp(lead, error != null ? error.toString() : ack.status() + " " + ack.body());
                inFlight.release();
            } else {
                ledger.retried();
                Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                scheduler.schedule(() -> attempt(lead, deadline, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
