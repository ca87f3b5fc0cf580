package io.leadrelay.ingest.formats;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.problem.ProblemException;

/**
 * Parses {@code application/x-www-form-urlencoded} bodies strictly: a broken percent escape or invalid UTF-8
 * is a 400, not a silently replaced character. Field names are the contract's dotted names.
 */
public final class FormSubmissions {

    private FormSubmissions() {
    }

    /** Every field of the body in order; a field given twice is kept once and reported. */
    public static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw ProblemException.badRequest("form field given more than once",
                        java.util.List.of(new FieldError(safeName(name), "DUPLICATE", "field given more than once")));
            }
        }
        return fields;
    }

    /** The lead's fields of a parsed form, leaving out the form's control fields and empty inputs. */
    public static LeadSubmission toSubmission(Map<String, String> form, java.util.Set<String> controlFields) {
        LeadSubmission submission = new LeadSubmission();
        form.forEach((name, value) -> {
            if (!controlFields.contains(name) && !value.isEmpty()) {
                submission.putText(name, value);
            }
        });
        return submission;
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw ProblemException.malformed("broken percent escape in form body");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ProblemException.malformed("broken percent escape in form body");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7F) {
                throw ProblemException.malformed("form bodies must be percent-encoded ASCII");
            } else {
                bytes.write(c);
            }
        }
        Optional<String> text = Utf8.decode(bytes.toByteArray());
        return text.orElseThrow(() -> ProblemException.malformed("form field is not valid UTF-8"));
    }

    private static String safeName(String name) {
        return name.length() > 60 ? name.substring(0, 60) : name;
    }
}
