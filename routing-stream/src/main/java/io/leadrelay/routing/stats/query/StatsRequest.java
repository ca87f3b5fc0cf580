package io.leadrelay.routing.stats.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a stats query: an inclusive date range (either end open), filters by source channel, campaign and
 * partner, and the granularity of the funnel's time series. Built from query parameters with field-level errors.
 */
public record StatsRequest(LocalDate from, LocalDate to, String channel, String campaign, String partner,
        Granularity granularity) {

    public enum Granularity {
        DAY, WEEK, MONTH
    }

    /** A query parameter that could not be used, for the problem's {@code errors} list. */
    public record FieldError(String field, String message) {
    }

    /** Longest series a query may ask for, so one request cannot make a server scan years of days. */
    public static final int MAX_SERIES_DAYS = 731;

    public static final StatsRequest ALL = new StatsRequest(null, null, null, null, null, null);

    public static Parsed parse(String from, String to, String channel, String campaign, String partner,
            String granularity) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (f != null && t != null && f.isAfter(t)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        Granularity g = null;
        if (granularity != null && !granularity.isBlank()) {
            try {
                g = Granularity.valueOf(granularity.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("granularity", "must be day, week or month"));
            }
        }
        text("channel", channel, errors);
        text("campaign", campaign, errors);
        text("partner", partner, errors);
        return new Parsed(new StatsRequest(f, t, blankToNull(channel), blankToNull(campaign), blankToNull(partner), g),
                errors);
    }

    public record Parsed(StatsRequest request, List<FieldError> errors) {
    }

    /** The query parameters of this request, for forwarding to other instances. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (from != null) {
            p.put("from", from.toString());
        }
        if (to != null) {
            p.put("to", to.toString());
        }
        if (channel != null) {
            p.put("channel", channel);
        }
        if (campaign != null) {
            p.put("campaign", campaign);
        }
        if (partner != null) {
            p.put("partner", partner);
        }
        if (granularity != null) {
            p.put("granularity", granularity.name().toLowerCase(java.util.Locale.ROOT));
        }
        return p;
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.trim());
            if (d.getYear() < 2000 || d.getYear() > 2999) {
                errors.add(new FieldError(field, "year must be between 2000 and 2999"));
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO date, e.g. 2026-11-27"));
            return null;
        }
    }

    private static void text(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > 200) {
            errors.add(new FieldError(field, "must be at most 200 characters"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
