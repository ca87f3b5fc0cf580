package io.leadrelay.feedback.webhook;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff between delivery attempts, given up after a retry period. */
public record Backoff(Duration initial, Duration max, Duration retryPeriod) {

    /** Delay before attempt {@code failedAttempts + 1}: initial, doubling, capped at max. */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether another attempt would start after the retry period that began with the first attempt. */
    public boolean givesUp(Instant firstAttempt, int failedAttempts, Instant now) {
        return now.plus(delayAfter(failedAttempts)).isAfter(firstAttempt.plus(retryPeriod));
    }
}
