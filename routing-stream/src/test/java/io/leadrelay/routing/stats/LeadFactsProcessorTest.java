package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class LeadFactsProcessorTest {

    @Test
    void deadlineKeysAreTheStoredKeysOfEarlierReleases() {
        long[] deadlines = { 0, 7, Instant.parse("2026-11-27T09:00:00Z").toEpochMilli(), 9_999_999_999_999L,
                10_000_000_000_000L, Long.MAX_VALUE, -1, -123_456_789, -999_999_999_999L, -1_000_000_000_000L,
                Long.MIN_VALUE };
        for (long deadline : deadlines) {
            for (String lead : new String[] { "lead-1", "", "lead|ü" }) {
                assertThat(LeadFactsProcessor.deadlineKey(deadline, lead)).as("%d %s", deadline, lead)
                        .isEqualTo(String.format(Locale.ROOT, "%013d|%s", deadline, lead));
            }
        }
    }

    @Test
    void deadlineKeysSortByDeadline() {
        assertThat(LeadFactsProcessor.deadlineKey(999_999_999_999L, "b"))
                .isLessThan(LeadFactsProcessor.deadlineKey(1_000_000_000_000L, "a"))
                .isLessThan(String.format(Locale.ROOT, "%013d|", 1_000_000_000_001L));
    }
}
