package io.leadrelay.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BackoffAndOffsetsTest {

    @Test
    void backoffDoublesUpToTheMaximumAndGivesUpAfterThePeriod() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delayAfter(40)).isEqualTo(Duration.ofSeconds(10));
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(backoff.givesUp(first, 3, first.plusSeconds(30))).isFalse();
        assertThat(backoff.givesUp(first, 8, first.plusSeconds(55))).isTrue();
    }

    @Test
    void onlyOffsetsBelowTheOldestUnfinishedDeliveryAreCommitted() {
        OffsetTracker offsets = new OffsetTracker();
        TopicPartition p = new TopicPartition("t", 0);
        offsets.skipped(p, 0);
        offsets.started(p, 1);
        offsets.started(p, 2);
        offsets.skipped(p, 3);
        assertThat(offsets.committable()).isEqualTo(Map.of(p, 1L));
        offsets.finished(p, 2);
        assertThat(offsets.committable()).isEqualTo(Map.of(p, 1L));
        offsets.finished(p, 1);
        assertThat(offsets.committable()).isEqualTo(Map.of(p, 4L));
        assertThat(offsets.pending()).isZero();
    }

    @Test
    void aTransactionMarkerAfterTheLastRecordIsCommittedPastOnceNothingBeforeItIsPending() {
        OffsetTracker offsets = new OffsetTracker();
        TopicPartition p = new TopicPartition("t", 0);
        offsets.started(p, 0);
        offsets.skipped(p, 1);
        offsets.readUpTo(p, 3);
        assertThat(offsets.committable()).isEqualTo(Map.of(p, 0L));
        offsets.finished(p, 0);
        assertThat(offsets.committable()).as("offset 2 is the commit marker").isEqualTo(Map.of(p, 3L));
        offsets.readUpTo(p, 2);
        assertThat(offsets.committable()).as("an older position never moves the commit back").isEqualTo(Map.of(p, 3L));
    }

    @Test
    void signatureIsHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
