package io.leadrelay.routing.stats.query;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.stats.OverdueLead;
import io.leadrelay.routing.stats.RowKeys;
import io.leadrelay.routing.stats.Tally;

/**
 * The views of {@code /api/v1/stats/*}: which stores each reads, and how one store partition's rows are read into a
 * {@link Partial} (grouped and filtered). Rendering the merged partial is {@link StatsRenderer}'s job.
 */
public enum StatsView {

    FUNNEL(StoreNames.STATS_FUNNEL),
    SOURCES(StoreNames.STATS_FUNNEL),
    PARTNERS(StoreNames.STATS_PARTNERS),
    FORECAST(StoreNames.STATS_FORECAST),
    OVERDUE(StoreNames.STATS_DEADLINES);

    public static final String TOTAL = "total";
    public static final String CURRENT = "current";
    /** Group prefixes: series buckets (funnel), range rows and open gauges (partners). */
    public static final String SERIES = "s|";
    public static final String RANGE = "r|";
    public static final String OPEN = "o|";
    /** Above this many day or month buckets a filtered range is scanned whole instead of bucket by bucket. */
    private static final int MAX_NARROWED_BUCKETS = 400;

    private final String store;

    StatsView(String store) {
        this.store = store;
    }

    public String store() {
        return store;
    }

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads one partition of this view's store into {@code into}. */
    @SuppressWarnings("unchecked")
    public void read(StatsRequest r, ReadOnlyKeyValueStore<String, ?> kv, Partial into, Instant now,
            int overdueLimit) {
        if (this == OVERDUE) {
            readOverdue(r, (ReadOnlyKeyValueStore<String, OverdueLead>) kv, into, now, overdueLimit);
            return;
        }
        List<Reader> readers = new ArrayList<>();
        switch (this) {
            case FUNNEL -> {
                for (RangePlan.KeyRange range : narrowed(r, RangePlan.of(r.from(), r.to()))) {
                    readers.add(new Reader(range, (k, v) -> {
                        if (dimsMatch(r, k, 2)) {
                            into.add(TOTAL, v);
                        }
                    }));
                }
                readers.add(new Reader(new RangePlan.KeyRange(RowKeys.CURRENT + "||", RowKeys.CURRENT + "||\uffff"),
                        (k, v) -> {
                            if (dimsMatch(r, k, 2)) {
                                into.add(CURRENT, v);
                            }
                        }));
                if (r.granularity() != null) {
                    Series s = series(r, now);
                    for (RangePlan.KeyRange range : narrowed(r, List.of(s.range))) {
                        readers.add(new Reader(range, (k, v) -> {
                            if (dimsMatch(r, k, 2)) {
                                into.addCounts(SERIES + s.bucket(k.get(1)), v, StatsView::shownInSeries);
                            }
                        }));
                    }
                }
            }
            case SOURCES -> {
                for (RangePlan.KeyRange range : narrowed(r, RangePlan.of(r.from(), r.to()))) {
                    readers.add(new Reader(range, (k, v) -> {
                        if (dimsMatch(r, k, 2)) {
                            into.add(RowKeys.encode(k.get(2)) + "|" + RowKeys.encode(k.get(3)), v);
                        }
                    }));
                }
            }
            case PARTNERS -> {
                for (RangePlan.KeyRange range : RangePlan.of(r.from(), r.to())) {
                    readers.add(new Reader(range, (k, v) -> {
                        if (r.partner() == null || r.partner().equals(k.get(2))) {
                            into.add(RANGE + k.get(2), v);
                        }
                    }));
                }
                readers.add(new Reader(new RangePlan.KeyRange(RowKeys.ALL + "||", RowKeys.ALL + "||\uffff"),
                        (k, v) -> {
                            if ((r.partner() == null || r.partner().equals(k.get(2))) && v.count("open") != 0) {
                                into.add(OPEN + k.get(2), new Tally().add("open", v.count("open")));
                            }
                        }));
            }
            case FORECAST -> {
                String from = r.from() == null ? "" : YearMonth.from(r.from()).toString();
                String to = r.to() == null ? "\uffff" : YearMonth.from(r.to()) + "|\uffff";
                readers.add(new Reader(new RangePlan.KeyRange(from, to), (k, v) -> {
                    if (dimsMatch(r, k, 1)) {
                        into.add(k.get(0), v);
                    }
                }));
            }
            default -> throw new IllegalStateException("not a row view: " + this);
        }
        scan((ReadOnlyKeyValueStore<String, Tally>) kv, readers);
    }

    private static void readOverdue(StatsRequest r, ReadOnlyKeyValueStore<String, OverdueLead> kv, Partial into,
            Instant now, int limit) {
        int found = 0;
        try (KeyValueIterator<String, OverdueLead> it = kv.range("", String.format("%013d|", now.toEpochMilli()))) {
            while (it.hasNext() && found < limit) {
                OverdueLead lead = it.next().value;
                if ((r.channel() == null || r.channel().equals(lead.sourceChannel()))
                        && (r.campaign() == null || r.campaign().equals(lead.campaign()))
                        && (r.partner() == null || r.partner().equals(lead.ownerId()))) {
                    into.overdue.add(lead);
                    found++;
                }
            }
        }
    }

    /** Rows of one key range and what to do with each (its key split into fields, its tally). */
    private record Reader(RangePlan.KeyRange range, BiConsumer<List<String>, Tally> each) {
        boolean holds(String key) {
            return compareKeys(range.from(), key) <= 0 && compareKeys(key, range.to()) <= 0;
        }
    }

    /**
     * Reads every reader's rows, each row once: overlapping ranges are read with one iterator and each row is handed
     * to every reader whose range holds it (a daily funnel's totals and series are the same day rows).
     */
    private static void scan(ReadOnlyKeyValueStore<String, Tally> rows, List<Reader> readers) {
        readers.sort((a, b) -> compareKeys(a.range().from(), b.range().from()));
        int first = 0;
        while (first < readers.size()) {
            String to = readers.get(first).range().to();
            int end = first + 1;
            while (end < readers.size() && compareKeys(readers.get(end).range().from(), to) <= 0) {
                if (compareKeys(readers.get(end).range().to(), to) > 0) {
                    to = readers.get(end).range().to();
                }
                end++;
            }
            List<Reader> overlapping = readers.subList(first, end);
            try (KeyValueIterator<String, Tally> it = rows.range(overlapping.get(0).range().from(), to)) {
                while (it.hasNext()) {
                    KeyValue<String, Tally> kv = it.next();
                    List<String> key = null;
                    for (Reader reader : overlapping) {
                        if (reader.holds(kv.key)) {
                            key = key == null ? RowKeys.split(kv.key) : key;
                            reader.each().accept(key, kv.value);
                        }
                    }
                }
            }
            first = end;
        }
    }

    /**
     * The stores' key order: RocksDB compares UTF-8 bytes, i.e. code points, where {@link String#compareTo} compares
     * UTF-16 units (they differ for characters above U+FFFF).
     */
    private static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** What a series bucket shows: leads and states entered (not the rows' transitions or histograms). */
    private static boolean shownInSeries(String counter) {
        return counter.equals("leads") || counter.startsWith("entered.");
    }

    /**
     * With a channel filter, one short scan per day or month bucket of just that channel (and campaign), instead of
     * decoding every source's rows of the range and dropping most of them.
     */
    static List<RangePlan.KeyRange> narrowed(StatsRequest r, List<RangePlan.KeyRange> ranges) {
        if (r.channel() == null) {
            return ranges;
        }
        String dims = RowKeys.encode(r.channel()) + "|" + (r.campaign() == null ? "" : RowKeys.encode(r.campaign()));
        String end = r.campaign() == null ? "\uffff" : "";
        List<RangePlan.KeyRange> out = new ArrayList<>();
        for (RangePlan.KeyRange range : ranges) {
            List<String> from = RowKeys.split(range.from());
            List<String> to = RowKeys.split(range.to());
            String level = from.get(0);
            boolean wide = RowKeys.DAY.equals(level)
                    ? LocalDate.parse(from.get(1)).plusDays(MAX_NARROWED_BUCKETS).isBefore(LocalDate.parse(to.get(1)))
                    : RowKeys.MONTH.equals(level) && YearMonth.parse(from.get(1)).plusMonths(MAX_NARROWED_BUCKETS)
                            .isBefore(YearMonth.parse(to.get(1)));
            if (wide) {
                out.add(range); // an open-ended range: one scan, filtered
                continue;
            }
            if (RowKeys.DAY.equals(level)) {
                for (LocalDate d = LocalDate.parse(from.get(1)); !d.isAfter(LocalDate.parse(to.get(1)));
                        d = d.plusDays(1)) {
                    out.add(new RangePlan.KeyRange(level + "|" + d + "|" + dims, level + "|" + d + "|" + dims + end));
                }
            } else if (RowKeys.MONTH.equals(level)) {
                for (YearMonth m = YearMonth.parse(from.get(1)); !m.isAfter(YearMonth.parse(to.get(1)));
                        m = m.plusMonths(1)) {
                    out.add(new RangePlan.KeyRange(level + "|" + m + "|" + dims, level + "|" + m + "|" + dims + end));
                }
            } else {
                out.add(new RangePlan.KeyRange(level + "||" + dims, level + "||" + dims + end));
            }
        }
        return out;
    }

    /** Channel and campaign filters against the row's dimensions starting at field {@code first}. */
    private static boolean dimsMatch(StatsRequest r, List<String> key, int first) {
        return (r.channel() == null || r.channel().equals(key.get(first)))
                && (r.campaign() == null || r.campaign().equals(key.get(first + 1)));
    }

    private record Series(RangePlan.KeyRange range, StatsRequest.Granularity granularity) {
        String bucket(String rowBucket) {
            if (granularity == StatsRequest.Granularity.WEEK) {
                return LocalDate.parse(rowBucket).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            }
            return rowBucket;
        }
    }

    /** The series' rows: the requested range, or a recent window ending today, at most MAX_SERIES_DAYS long. */
    private static Series series(StatsRequest r, Instant now) {
        LocalDate end = r.to() != null ? r.to() : LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = r.from() != null ? r.from() : switch (r.granularity()) {
            case DAY -> end.minusDays(29);
            case WEEK -> end.minusWeeks(11).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> end.minusMonths(11).withDayOfMonth(1);
        };
        if (start.plusDays(StatsRequest.MAX_SERIES_DAYS).isBefore(end)) {
            start = end.minusDays(StatsRequest.MAX_SERIES_DAYS);
        }
        return new Series(r.granularity() == StatsRequest.Granularity.MONTH
                ? RangePlan.months(YearMonth.from(start), YearMonth.from(end))
                : RangePlan.days(start, end), r.granularity());
    }
}
