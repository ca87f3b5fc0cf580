package io.leadrelay.feedback.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads typed fields from a JSON object and collects every problem with them, so one answer lists all
 * invalid fields. Unknown fields are errors: a forged {@code partnerId} in a partner's body is refused,
 * not silently ignored. Error messages never echo the submitted value.
 */
public final class FieldReader {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern LINE_CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;

    public FieldReader(ObjectNode node, String... allowed) {
        this(node, "", new ArrayList<>(), allowed);
    }

    private FieldReader(ObjectNode node, String prefix, List<FieldError> errors, String... allowed) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + safeName(name), "unknown field"));
            }
        }
    }

    /** A nested object field, read with its own allowed names into the same error list. */
    public FieldReader object(String name, boolean required, String... allowed) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return null;
        }
        return new FieldReader((ObjectNode) value, prefix + name + ".", errors, allowed);
    }

    /** Free text: control characters other than line breaks and tabs are refused. */
    public String text(String name, boolean required, int maxLength) {
        return string(name, required, maxLength, CONTROL, "must not contain control characters");
    }

    /** A one-line value such as a code or a name. */
    public String line(String name, boolean required, int maxLength) {
        return string(name, required, maxLength, LINE_CONTROL, "must not contain control characters");
    }

    public String matching(String name, boolean required, Pattern pattern, String rule) {
        String value = line(name, required, 200);
        if (value != null && !pattern.matcher(value).matches()) {
            error(name, rule);
            return null;
        }
        return value;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
        String value = line(name, required, 64);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            error(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public BigDecimal money(String name, boolean required) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(name, "must be a number");
            return null;
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0) {
            error(name, "must not be negative");
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            error(name, "must have at most two decimal places");
            return null;
        }
        if (amount.compareTo(new BigDecimal("1000000000000000")) >= 0) {
            error(name, "is too large");
            return null;
        }
        return amount.setScale(2);
    }

    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            error(name, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    public Double decimal(String name, boolean required, double minExclusive, double max) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !(value.doubleValue() > minExclusive) || value.doubleValue() > max) {
            error(name, "must be a number above " + minExclusive + " and at most " + max);
            return null;
        }
        return value.doubleValue();
    }

    public Boolean bool(String name, boolean required) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            error(name, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public LocalDate date(String name, boolean required) {
        String value = line(name, required, 10);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO date (YYYY-MM-DD)");
            return null;
        }
    }

    public Instant instant(String name, boolean required) {
        String value = line(name, required, 40);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
            return null;
        }
    }

    public Duration duration(String name, boolean required, Duration min, Duration max) {
        String value = line(name, required, 40);
        if (value == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                error(name, "must be between " + min + " and " + max);
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 duration, e.g. PT48H");
            return null;
        }
    }

    /** An array of objects or values; returns the elements, each checked by the caller. */
    public List<JsonNode> array(String name, boolean required, int maxItems) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array");
            return null;
        }
        if (value.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items");
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** A reader for one array element that is an object. */
    public FieldReader element(String arrayName, int index, JsonNode element, String... allowed) {
        if (!element.isObject()) {
            error(arrayName + "[" + index + "]", "must be an object");
            return null;
        }
        return new FieldReader((ObjectNode) element, prefix + arrayName + "[" + index + "].", errors, allowed);
    }

    /** Checks a one-line string element of an array. */
    public String stringElement(String arrayName, int index, JsonNode element, Pattern pattern, String rule) {
        if (!element.isTextual() || !pattern.matcher(element.textValue()).matches()) {
            error(arrayName + "[" + index + "]", rule);
            return null;
        }
        return element.textValue();
    }

    public void error(String name, String message) {
        errors.add(new FieldError(prefix + name, message));
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Ends the request with 422 and every collected field error, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(List.copyOf(errors));
        }
    }

    private String string(String name, boolean required, int maxLength, Pattern forbidden, String forbiddenRule) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        if (forbidden.matcher(value.textValue()).find()) {
            error(name, forbiddenRule);
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty()) {
            if (required) {
                error(name, "must not be blank");
            }
            return null;
        }
        if (text.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private JsonNode present(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        return value;
    }

    /** Field names come from the caller: shorten and strip them before they go into an answer. */
    private static String safeName(String name) {
        String clean = LINE_CONTROL.matcher(name).replaceAll("?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
