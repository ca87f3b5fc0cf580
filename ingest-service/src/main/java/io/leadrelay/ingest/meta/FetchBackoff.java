package io.leadrelay.ingest.meta;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try the Graph API again during one webhook call: after a retryable failure, waiting {@code first},
 * then twice as long each time, until {@code attempts} calls were made (then the lead is parked).
 */
public record FetchBackoff(int attempts, Duration first) {

    /** The wait before the next call after {@code callsMade} failed calls, or empty to give up. */
    public Optional<Duration> next(int callsMade, boolean retryable) {
        if (!retryable || callsMade >= attempts) {
            return Optional.empty();
        }
        return Optional.of(first.multipliedBy(1L << Math.min(callsMade - 1, 20)));
    }
}
