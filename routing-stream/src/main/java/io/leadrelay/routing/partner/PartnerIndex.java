package io.leadrelay.routing.partner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.Territory;

/**
 * An immutable snapshot of the partner directory, decoded once and indexed by country and postal-code prefix, so a
 * lead's territory is found with a few map lookups instead of matching every partner's prefixes.
 */
public final class PartnerIndex {

    public static final PartnerIndex EMPTY = of(Map.of());

    /** The partners of one country: those serving all of it, and those serving prefixes of it. */
    private static final class Country {
        final List<String> wholeCountry = new ArrayList<>();
        final Map<String, List<String>> byPrefix = new HashMap<>();
        int longestPrefix;
    }

    private final SortedMap<String, PartnerProfile> byId;
    private final Map<String, Country> byCountry = new HashMap<>();

    private PartnerIndex(SortedMap<String, PartnerProfile> byId) {
        this.byId = Collections.unmodifiableSortedMap(byId);
        byId.forEach((id, partner) -> {
            for (Territory territory : partner.getTerritories()) {
                Country country = byCountry.computeIfAbsent(territory.getCountry().toUpperCase(Locale.ROOT),
                        k -> new Country());
                if (territory.getPostalPrefixes().isEmpty()) {
                    country.wholeCountry.add(id);
                    continue;
                }
                for (String prefix : territory.getPostalPrefixes()) {
                    String p = normalise(prefix);
                    if (!p.isEmpty()) {
                        country.byPrefix.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
                        country.longestPrefix = Math.max(country.longestPrefix, p.length());
                    }
                }
            }
        });
    }

    public static PartnerIndex of(Map<String, PartnerProfile> partners) {
        return new PartnerIndex(new TreeMap<>(partners));
    }

    public static PartnerIndex of(Collection<PartnerProfile> partners) {
        SortedMap<String, PartnerProfile> byId = new TreeMap<>();
        partners.forEach(p -> byId.put(p.getPartnerId(), p));
        return new PartnerIndex(byId);
    }

    /** A new snapshot with this partner added or replaced. */
    public PartnerIndex with(PartnerProfile partner) {
        SortedMap<String, PartnerProfile> next = new TreeMap<>(byId);
        next.put(partner.getPartnerId(), partner);
        return new PartnerIndex(next);
    }

    /** A new snapshot without this partner. */
    public PartnerIndex without(String partnerId) {
        if (!byId.containsKey(partnerId)) {
            return this;
        }
        SortedMap<String, PartnerProfile> next = new TreeMap<>(byId);
        next.remove(partnerId);
        return new PartnerIndex(next);
    }

    public PartnerProfile get(String partnerId) {
        return byId.get(partnerId);
    }

    /** Every partner, by partner id. */
    public SortedMap<String, PartnerProfile> all() {
        return byId;
    }

    /**
     * The partners whose territory covers the lead's address, by partner id, each with the length of its longest
     * matching postal prefix (0 when it serves the whole country). Empty when the country is unknown.
     */
    public SortedMap<String, Integer> inTerritory(String country, String postalCode) {
        SortedMap<String, Integer> matched = new TreeMap<>();
        Country c = country == null ? null : byCountry.get(country.toUpperCase(Locale.ROOT));
        if (c == null) {
            return matched;
        }
        c.wholeCountry.forEach(id -> matched.put(id, 0));
        String postal = postalCode == null ? "" : normalise(postalCode);
        for (int length = 1; length <= Math.min(postal.length(), c.longestPrefix); length++) {
            List<String> ids = c.byPrefix.get(postal.substring(0, length));
            if (ids != null) {
                int matchedLength = length;
                ids.forEach(id -> matched.merge(id, matchedLength, Math::max));
            }
        }
        return matched;
    }

    private static String normalise(String postal) {
        return postal.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
