package io.leadrelay.qualification.lead;

import java.util.Collection;
import java.util.Map;

/**
 * Writes a lifecycle event's details (maps, lists, strings, numbers, booleans, null) as compact JSON. Hand-written
 * because it runs once or twice per lead: a general-purpose mapper spent more on looking up serializers for these
 * few shapes than on writing them.
 */
final class DetailsJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DetailsJson() {
    }

    static String write(Map<String, ?> details) {
        StringBuilder out = new StringBuilder(512);
        value(out, details);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            string(out, text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                value(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("details not serialisable: " + value.getClass().getName());
        }
    }

    /** RFC 8259 string: quote, backslash and control characters escaped, everything else as it is. */
    private static void string(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
