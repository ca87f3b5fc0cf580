package io.leadrelay.routing.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the aggregate rows. Time-bucketed rows are kept at three levels so any date range is read from few rows:
 * {@code D|2026-11-27|…} (day), {@code M|2026-11|…} (month), {@code A||…} (all time); {@code C||…} holds gauges
 * (leads currently in each state). Dimension values are percent-encoded where they contain {@code |} or {@code %},
 * and a missing value is the empty string, so keys sort by level, then date.
 */
public final class RowKeys {

    public static final String DAY = "D";
    public static final String MONTH = "M";
    public static final String ALL = "A";
    public static final String CURRENT = "C";

    /** Prefix of a contribution's repartition key naming the store it belongs to. */
    public static final char FUNNEL = 'f';
    public static final char PARTNERS = 'p';
    public static final char FORECAST = 'o';

    private RowKeys() {
    }

    /** The row keys (day, month, all time) one event day contributes to, for the given dimensions. */
    public static List<String> timeLevels(LocalDate day, String... dims) {
        String rest = String.join("|", dims);
        return List.of(DAY + "|" + day + "|" + rest, MONTH + "|" + YearMonth.from(day) + "|" + rest,
                ALL + "||" + rest);
    }

    public static String current(String... dims) {
        return CURRENT + "||" + String.join("|", dims);
    }

    public static String forecast(YearMonth month, String channel, String campaign) {
        return month + "|" + channel + "|" + campaign;
    }

    public static String encode(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("%", "%25").replace("|", "%7C");
    }

    public static String decode(String value) {
        return value.replace("%7C", "|").replace("%25", "%");
    }

    /** Splits a row key into its fields (level, bucket, dimensions…), decoded. */
    public static List<String> split(String key) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '|') {
                parts.add(decode(key.substring(start, i)));
                start = i + 1;
            }
        }
        return parts;
    }
}
