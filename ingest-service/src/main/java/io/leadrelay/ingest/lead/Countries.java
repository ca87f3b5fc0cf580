package io.leadrelay.ingest.lead;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;

/** Resolves what people type as a country ("DE", "DEU", "Germany", "Deutschland", "Allemagne") to ISO 3166-1 alpha-2. */
public final class Countries {

    private static final Locale[] NAME_LANGUAGES = {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN,
            Locale.forLanguageTag("es"), Locale.forLanguageTag("nl"), Locale.forLanguageTag("pl"), Locale.forLanguageTag("pt")};
    private static final Map<String, String> BY_NAME = build();

    private Countries() {
    }

    public static Optional<String> resolve(String input) {
        if (input == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(fold(input)));
    }

    private static Map<String, String> build() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            names.put(fold(code), code);
            try {
                names.put(fold(country.getISO3Country()), code);
            } catch (MissingResourceException e) {
                // a few codes have no alpha-3 in the JDK; the alpha-2 and names still resolve
            }
            for (Locale language : NAME_LANGUAGES) {
                names.putIfAbsent(fold(country.getDisplayCountry(language)), code);
            }
        }
        // Everyday names that are not the official ones.
        names.put(fold("UK"), "GB");
        names.put(fold("England"), "GB");
        names.put(fold("Great Britain"), "GB");
        names.put(fold("Grossbritannien"), "GB");
        names.put(fold("USA"), "US");
        names.put(fold("United States of America"), "US");
        names.put(fold("Holland"), "NL");
        names.put(fold("Czech Republic"), "CZ");
        names.put(fold("Tschechische Republik"), "CZ");
        return Map.copyOf(names);
    }

    /** Lower case, accents and punctuation removed: "Österreich" and "osterreich" meet. */
    private static String fold(String s) {
        String decomposed = Normalizer.normalize(s.trim(), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.isLetter(c)) {
                out.append(Character.toLowerCase(c));
            } else if (c == 'ß') {
                out.append("ss");
            }
        }
        return out.toString().replace("ß", "ss");
    }
}
