package io.leadrelay.harness.world;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.leadrelay.deploy.DemoData;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.Territory;

/**
 * The partners of a run: who sells what where. Generated for load and chaos runs (every postal region of
 * Germany and the neighbour countries covered by several partners per product), or the demo partners of
 * {@link DemoData}. Answers whether a partner may ever see a lead, which the chaos audit checks.
 */
public final class PartnerNetwork {

    public static final List<String> PRODUCTS = List.of(DemoData.INDUSTRIAL_PRINTERS, DemoData.LABEL_PRINTERS,
            DemoData.PRINTERS_3D);

    private static final String[] DE_REGION_NAMES = {"Sachsen", "Berlin", "Hamburg", "Niedersachsen", "Rhein-Ruhr",
        "Rheinland", "Rhein-Main", "Württemberg", "Bayern-Süd", "Franken"};
    private static final String[] NAME_FORMS = {"Systemhaus", "Drucktechnik", "Print Service", "Bürotechnik",
        "Etikettensysteme", "Additive Fertigung"};
    private static final PartnerTier[] TIERS = {PartnerTier.PLATINUM, PartnerTier.GOLD, PartnerTier.GOLD,
        PartnerTier.SILVER};

    private final Map<String, PartnerProfile> partners;

    public PartnerNetwork(List<PartnerProfile> partners) {
        this.partners = partners.stream().collect(Collectors.toMap(PartnerProfile::getPartnerId, Function.identity(),
                (a, b) -> b, java.util.LinkedHashMap::new));
    }

    /** The demo partners of the local stack (deploy/README.md, "Demo data"). */
    public static PartnerNetwork demo(Instant now) {
        return new PartnerNetwork(DemoData.partners(now));
    }

    /**
     * {@code count} partners: 70 % in Germany, each covering one postal region (first digit) — so every region
     * has several — the rest covering Austria, Switzerland, France or the Netherlands as a whole. Each sells two or
     * three of the {@link #PRODUCTS}; every 50th is inactive. {@code shortSlaShare} of them get {@code shortSla} as
     * accept SLA (so accept deadlines expire within a run), the others 48 hours.
     */
    public static PartnerNetwork generate(int count, long seed, int capacity, double shortSlaShare, Duration shortSla,
            Instant now) {
        Random random = new Random(seed);
        List<PartnerProfile> list = new ArrayList<>();
        String[] abroad = {"AT", "CH", "FR", "NL"};
        int germans = Math.max(10, (int) Math.round(count * 0.7));
        for (int i = 0; i < count; i++) {
            String country;
            List<String> prefixes;
            String region;
            if (i < germans) {
                int digit = i % 10;
                country = "DE";
                prefixes = List.of(Integer.toString(digit));
                region = DE_REGION_NAMES[digit];
            } else {
                country = abroad[(i - germans) % abroad.length];
                prefixes = List.of();
                region = country;
            }
            List<String> products = new ArrayList<>(PRODUCTS);
            // Two or three products, never the same two for every partner of a region.
            if (random.nextInt(3) != 0) {
                products.remove(i % PRODUCTS.size());
            }
            boolean shortLived = random.nextDouble() < shortSlaShare;
            String id = String.format("p-lh-%s-%03d", country.toLowerCase(java.util.Locale.ROOT), i);
            list.add(PartnerProfile.newBuilder()
                    .setPartnerId(id)
                    .setName(region + " " + NAME_FORMS[i % NAME_FORMS.length] + " " + (i + 1) + " GmbH")
                    .setTerritories(List.of(Territory.newBuilder().setCountry(country).setPostalPrefixes(prefixes).build()))
                    .setProducts(products)
                    .setTier(TIERS[random.nextInt(TIERS.length)])
                    .setCapacity(capacity)
                    .setWeight(1.0)
                    .setAcceptSla(shortLived ? shortSla.toString() : DemoData.ACCEPT_SLA)
                    .setActive(i % 50 != 49)
                    .setPausedUntil(null)
                    .setUpdatedAt(now)
                    .build());
        }
        return new PartnerNetwork(list);
    }

    public List<PartnerProfile> partners() {
        return List.copyOf(partners.values());
    }

    public List<PartnerProfile> active() {
        return partners.values().stream().filter(PartnerProfile::getActive).toList();
    }

    public boolean knows(String partnerId) {
        return partners.containsKey(partnerId);
    }

    /** The partner's accept SLA. */
    public Duration acceptSla(String partnerId) {
        PartnerProfile partner = partners.get(partnerId);
        return partner == null || partner.getAcceptSla() == null ? Duration.ofHours(48) : Duration.parse(partner.getAcceptSla());
    }

    /** Whether the partner may be offered a lead in this country and postal code for this product at all. */
    public boolean eligible(String partnerId, String country, String postalCode, String product) {
        PartnerProfile partner = partners.get(partnerId);
        if (partner == null || !partner.getActive() || !partner.getProducts().contains(product)) {
            return false;
        }
        String postal = postalCode == null ? "" : postalCode.replace(" ", "");
        return partner.getTerritories().stream().anyMatch(t -> t.getCountry().equals(country)
                && (t.getPostalPrefixes().isEmpty() || t.getPostalPrefixes().stream().anyMatch(postal::startsWith)));
    }

    /** Whether any active partner covers this place and product. */
    public boolean covered(String country, String postalCode, String product) {
        return partners.keySet().stream().anyMatch(id -> eligible(id, country, postalCode, product));
    }
}
