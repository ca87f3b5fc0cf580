package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.stats.query.RangePlan;
import io.leadrelay.routing.stats.query.RangePlan.KeyRange;

class RangePlanTest {

    private static final String END = "|\uffff";

    @Test
    void anOpenRangeReadsTheAllTimeRows() {
        assertThat(RangePlan.of(null, null)).containsExactly(new KeyRange("A||", "A|" + END));
    }

    @Test
    void wholeMonthsAreReadFromMonthRowsAndTheEdgesFromDayRows() {
        assertThat(RangePlan.of(LocalDate.parse("2026-01-20"), LocalDate.parse("2026-04-10"))).containsExactly(
                new KeyRange("M|2026-02|", "M|2026-03" + END),
                new KeyRange("D|2026-01-20|", "D|2026-01-31" + END),
                new KeyRange("D|2026-04-01|", "D|2026-04-10" + END));
        assertThat(RangePlan.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")))
                .containsExactly(new KeyRange("M|2026-02|", "M|2026-02" + END));
    }

    @Test
    void aRangeInsideOneMonthReadsDays() {
        assertThat(RangePlan.of(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-17")))
                .containsExactly(new KeyRange("D|2026-03-03|", "D|2026-03-17" + END));
    }

    @Test
    void aHalfOpenRangeReachesTheEarliestOrLatestMonth() {
        assertThat(RangePlan.of(LocalDate.parse("2026-02-15"), null)).containsExactly(
                new KeyRange("M|2026-03|", "M|2999-12" + END), new KeyRange("D|2026-02-15|", "D|2026-02-28" + END));
        assertThat(RangePlan.of(null, LocalDate.parse("2026-02-15"))).containsExactly(
                new KeyRange("M|2000-01|", "M|2026-01" + END), new KeyRange("D|2026-02-01|", "D|2026-02-15" + END));
    }
}
