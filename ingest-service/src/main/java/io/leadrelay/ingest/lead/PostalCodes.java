package io.leadrelay.ingest.lead;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Postal codes in each country's written form ("1234AB" → "1234 AB", "d-80538" → "80538"). */
public final class PostalCodes {

    private record Format(Pattern pattern, Function<Matcher, String> layout) {
    }

    private static final Format FIVE_DIGITS = new Format(Pattern.compile("(\\d{5})"), m -> m.group(1));
    private static final Format FOUR_DIGITS = new Format(Pattern.compile("(\\d{4})"), m -> m.group(1));
    private static final Format THREE_TWO = new Format(Pattern.compile("(\\d{3}) ?(\\d{2})"), m -> m.group(1) + " " + m.group(2));

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry("DE", FIVE_DIGITS), Map.entry("FR", FIVE_DIGITS), Map.entry("IT", FIVE_DIGITS),
            Map.entry("ES", FIVE_DIGITS), Map.entry("FI", FIVE_DIGITS), Map.entry("HR", FIVE_DIGITS),
            Map.entry("AT", FOUR_DIGITS), Map.entry("CH", FOUR_DIGITS), Map.entry("BE", FOUR_DIGITS),
            Map.entry("DK", FOUR_DIGITS), Map.entry("NO", FOUR_DIGITS), Map.entry("LU", FOUR_DIGITS),
            Map.entry("HU", FOUR_DIGITS), Map.entry("SI", FOUR_DIGITS),
            Map.entry("SE", THREE_TWO), Map.entry("CZ", THREE_TWO), Map.entry("SK", THREE_TWO),
            Map.entry("NL", new Format(Pattern.compile("(\\d{4}) ?([A-Z]{2})"), m -> m.group(1) + " " + m.group(2))),
            Map.entry("PL", new Format(Pattern.compile("(\\d{2})-?(\\d{3})"), m -> m.group(1) + "-" + m.group(2))),
            Map.entry("PT", new Format(Pattern.compile("(\\d{4})-?(\\d{3})"), m -> m.group(1) + "-" + m.group(2))),
            Map.entry("GB", new Format(Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?) ?(\\d[A-Z]{2})"),
                    m -> m.group(1) + " " + m.group(2))),
            Map.entry("US", new Format(Pattern.compile("(\\d{5})(?:-?(\\d{4}))?"),
                    m -> m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2))),
            Map.entry("CA", new Format(Pattern.compile("([A-Z]\\d[A-Z]) ?(\\d[A-Z]\\d)"), m -> m.group(1) + " " + m.group(2))),
            Map.entry("IE", new Format(Pattern.compile("([AC-FHKNPRTV-Y]\\d{2}|D6W) ?([0-9AC-FHKNPRTV-Y]{4})"),
                    m -> m.group(1) + " " + m.group(2))));

    private static final Pattern GENERIC = Pattern.compile("[A-Z0-9][A-Z0-9 -]{1,9}");
    /** Old European habit of prefixing the country: "D-80538", "CH-8001". */
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^[A-Z]{1,3}-");

    private PostalCodes() {
    }

    /** The postal code in its country's form, or empty if it is not a postal code of that country. */
    public static Optional<String> normalise(String input, String country) {
        String code = input.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Format format = country == null ? null : FORMATS.get(country);
        if (format == null) {
            return GENERIC.matcher(code).matches() ? Optional.of(code) : Optional.empty();
        }
        Optional<String> direct = match(format, code);
        if (direct.isPresent()) {
            return direct;
        }
        Matcher prefix = COUNTRY_PREFIX.matcher(code);
        return prefix.find() ? match(format, code.substring(prefix.end())) : Optional.empty();
    }

    private static Optional<String> match(Format format, String code) {
        Matcher m = format.pattern().matcher(code);
        return m.matches() ? Optional.of(format.layout().apply(m)) : Optional.empty();
    }
}
