package io.leadrelay.ingest.lead;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves when a purchase decision falls: an ISO date, a month ({@code 2027-06}), a quarter ({@code Q3 2027})
 * or a relative timeframe ({@code in 6 months}, {@code in 2 Jahren}). Months and quarters resolve to their last day.
 */
public final class PurchaseDecisions {

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("Q([1-4])[ /-]?(\\d{4})");
    private static final Pattern QUARTER_YEAR_FIRST = Pattern.compile("(\\d{4})[ /-]?Q([1-4])");
    private static final Pattern RELATIVE = Pattern.compile(
            "IN (\\d{1,3}) (DAYS?|TAGEN?|WEEKS?|WOCHEN?|MONTHS?|MONATEN?|YEARS?|JAHREN?)");

    private static final int MAX_YEARS_AHEAD = 10;

    private PurchaseDecisions() {
    }

    /** The decision date, or empty if the text is none of the accepted forms or lies outside a plausible range. */
    public static Optional<LocalDate> resolve(String text, LocalDate today) {
        String input = text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        try {
            Optional<LocalDate> date = parse(input, today);
            return date.filter(d -> !d.isBefore(today.minusYears(1)) && !d.isAfter(today.plusYears(MAX_YEARS_AHEAD)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> parse(String input, LocalDate today) {
        Matcher m;
        if ((m = DATE.matcher(input)).matches()) {
            return Optional.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
        }
        if ((m = MONTH.matcher(input)).matches()) {
            return Optional.of(YearMonth.of(num(m, 1), num(m, 2)).atEndOfMonth());
        }
        if ((m = QUARTER.matcher(input)).matches()) {
            return Optional.of(quarterEnd(num(m, 2), num(m, 1)));
        }
        if ((m = QUARTER_YEAR_FIRST.matcher(input)).matches()) {
            return Optional.of(quarterEnd(num(m, 1), num(m, 2)));
        }
        if ((m = RELATIVE.matcher(input)).matches()) {
            int amount = num(m, 1);
            String unit = m.group(2);
            if (unit.startsWith("D") || unit.startsWith("T")) {
                return Optional.of(today.plusDays(amount));
            }
            if (unit.startsWith("W")) {
                return Optional.of(today.plusWeeks(amount));
            }
            if (unit.startsWith("M")) {
                return Optional.of(today.plusMonths(amount));
            }
            return Optional.of(today.plusYears(amount));
        }
        return Optional.empty();
    }

    private static LocalDate quarterEnd(int year, int quarter) {
        return YearMonth.of(year, quarter * 3).atEndOfMonth();
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
