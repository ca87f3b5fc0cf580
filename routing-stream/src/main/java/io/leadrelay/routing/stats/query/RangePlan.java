package io.leadrelay.routing.stats.query;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.leadrelay.routing.stats.RowKeys;

/**
 * Which rows cover an inclusive date range with the fewest reads: the all-time rows when the range is open on both
 * ends, else month rows for the whole months inside it and day rows for the days at its edges.
 */
public final class RangePlan {

    /** An inclusive key range of a store. */
    public record KeyRange(String from, String to) {
    }

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);
    private static final String END = "|\uffff";

    private RangePlan() {
    }

    public static List<KeyRange> of(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return List.of(new KeyRange(RowKeys.ALL + "||", RowKeys.ALL + "|" + END));
        }
        LocalDate start = from == null ? EARLIEST : from;
        LocalDate end = to == null ? LATEST : to;
        YearMonth firstFull = start.getDayOfMonth() == 1 ? YearMonth.from(start) : YearMonth.from(start).plusMonths(1);
        YearMonth lastFull = end.equals(YearMonth.from(end).atEndOfMonth()) ? YearMonth.from(end)
                : YearMonth.from(end).minusMonths(1);
        List<KeyRange> ranges = new ArrayList<>(3);
        if (firstFull.isAfter(lastFull)) {
            ranges.add(days(start, end));
            return ranges;
        }
        ranges.add(new KeyRange(RowKeys.MONTH + "|" + firstFull + "|", RowKeys.MONTH + "|" + lastFull + END));
        if (start.isBefore(firstFull.atDay(1))) {
            ranges.add(days(start, firstFull.atDay(1).minusDays(1)));
        }
        if (end.isAfter(lastFull.atEndOfMonth())) {
            ranges.add(days(lastFull.plusMonths(1).atDay(1), end));
        }
        return ranges;
    }

    public static KeyRange days(LocalDate from, LocalDate to) {
        return new KeyRange(RowKeys.DAY + "|" + from + "|", RowKeys.DAY + "|" + to + END);
    }

    public static KeyRange months(YearMonth from, YearMonth to) {
        return new KeyRange(RowKeys.MONTH + "|" + from + "|", RowKeys.MONTH + "|" + to + END);
    }
}
