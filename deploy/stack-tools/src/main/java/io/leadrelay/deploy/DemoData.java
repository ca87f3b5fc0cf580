package io.leadrelay.deploy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.Territory;

/**
 * Demo reference data for the local stack: partners for {@code reference.partners} and a company
 * source for {@code reference.companies}. Deterministic: the same seed and count always give the same
 * records (only {@code updatedAt} is the time of loading), so a demo can be repeated and scripted.
 *
 * <p>Well-known records (documented in deploy/README.md, safe to use in demos and end-to-end tests):
 * partner {@code p-muc-01} and the companies in {@link #WELL_KNOWN_COMPANIES}.
 */
public final class DemoData {

    public static final long DEFAULT_SEED = 20261127L;
    public static final int DEFAULT_COMPANY_COUNT = 300;
    public static final String CURRENCY = "EUR";
    public static final String ACCEPT_SLA = "PT48H";

    public static final String INDUSTRIAL_PRINTERS = "industrial-printers";
    public static final String LABEL_PRINTERS = "label-printers";
    public static final String PRINTERS_3D = "3d-printers";

    private static final BigDecimal MIN_REVENUE = new BigDecimal("1000000");
    private static final BigDecimal MAX_REVENUE = new BigDecimal("500000000");

    private DemoData() {
    }

    // ------------------------------------------------------------------------------------------ partners

    /** The demo partners, in a fixed order. */
    public static List<PartnerProfile> partners(Instant updatedAt) {
        List<PartnerProfile> partners = new ArrayList<>();
        partners.add(partner("p-muc-01", "Muster Systemhaus München", PartnerTier.GOLD, 40, 1.0,
                List.of(territory("DE", "80", "81", "85")), INDUSTRIAL_PRINTERS));
        partners.add(partner("p-muc-02", "Isar Drucktechnik GmbH", PartnerTier.SILVER, 25, 0.8,
                List.of(territory("DE", "80", "81", "82", "83", "84", "85", "86")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS));
        partners.add(partner("p-ber-01", "Spree Office Solutions GmbH", PartnerTier.GOLD, 35, 1.0,
                List.of(territory("DE", "10", "12", "13", "14", "15", "16")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS));
        partners.add(partner("p-ham-01", "Hanse Print Partner GmbH", PartnerTier.SILVER, 30, 1.0,
                List.of(territory("DE", "20", "21", "22", "23", "24", "25")), LABEL_PRINTERS, PRINTERS_3D));
        partners.add(partner("p-fra-01", "Main Systemhaus Frankfurt AG", PartnerTier.PLATINUM, 60, 1.5,
                List.of(territory("DE", "60", "61", "63", "64", "65", "55")), INDUSTRIAL_PRINTERS, PRINTERS_3D));
        partners.add(partner("p-stu-01", "Schwaben Drucksysteme GmbH", PartnerTier.GOLD, 40, 1.0,
                List.of(territory("DE", "70", "71", "72", "73", "74", "75", "89")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS));
        partners.add(partner("p-cgn-01", "Rheinland Print & Service GmbH", PartnerTier.SILVER, 30, 1.0,
                List.of(territory("DE", "40", "41", "42", "45", "47", "50", "51", "52", "53")),
                INDUSTRIAL_PRINTERS, LABEL_PRINTERS, PRINTERS_3D));
        partners.add(partner("p-de-3d", "Additiv Netzwerk Deutschland", PartnerTier.REGISTERED, 10, 0.5,
                List.of(territory("DE")), PRINTERS_3D));
        partners.add(partner("p-vie-01", "Donau Systemhaus Wien GmbH", PartnerTier.GOLD, 30, 1.0,
                List.of(territory("AT")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS));
        partners.add(partner("p-zrh-01", "Limmat Print AG", PartnerTier.SILVER, 20, 1.0,
                List.of(territory("CH", "80", "81", "82", "83", "84", "85", "86", "87", "88")),
                INDUSTRIAL_PRINTERS, LABEL_PRINTERS, PRINTERS_3D));
        partners.add(partner("p-par-01", "Impression Île-de-France SAS", PartnerTier.GOLD, 35, 1.0,
                List.of(territory("FR", "75", "77", "78", "91", "92", "93", "94", "95")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS));
        partners.add(partner("p-ams-01", "Grachten Printservice B.V.", PartnerTier.SILVER, 25, 1.0,
                List.of(territory("NL"), territory("BE", "1", "2", "3")), INDUSTRIAL_PRINTERS, LABEL_PRINTERS, PRINTERS_3D));
        // Inactive: must never be chosen.
        PartnerProfile inactive = partner("p-nue-01", "Franken Druck Service GmbH", PartnerTier.BRONZE, 15, 1.0,
                List.of(territory("DE", "90", "91")), INDUSTRIAL_PRINTERS);
        inactive.setActive(false);
        partners.add(inactive);

        partners.forEach(p -> p.setUpdatedAt(updatedAt));
        return List.copyOf(partners);
    }

    private static PartnerProfile partner(String id, String name, PartnerTier tier, int capacity, double weight,
            List<Territory> territories, String... products) {
        return PartnerProfile.newBuilder()
                .setPartnerId(id)
                .setName(name)
                .setTerritories(territories)
                .setProducts(List.of(products))
                .setTier(tier)
                .setCapacity(capacity)
                .setWeight(weight)
                .setAcceptSla(ACCEPT_SLA)
                .setActive(true)
                .setPausedUntil(null)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    private static Territory territory(String country, String... postalPrefixes) {
        return Territory.newBuilder().setCountry(country).setPostalPrefixes(List.of(postalPrefixes)).build();
    }

    // ----------------------------------------------------------------------------------------- companies

    /** Fixed companies that come first in every company list, whatever the seed. */
    public static final List<String> WELL_KNOWN_COMPANIES = List.of("example-gmbh.de", "beispiel-ag.de",
            "grenzfall-gmbh.de", "ohne-angaben.de", "muster-logistik.at", "beispiel-praezision.ch", "exemple.fr",
            "voorbeeld.nl");

    private static List<CompanyProfile> wellKnownCompanies() {
        return List.of(
                // Partner channel: 42 M EUR, Munich. The contract's example lead.
                company("example-gmbh.de", "Example GmbH", "42000000", 180, "manufacturing", "DE"),
                // Direct sales: well above 50 M EUR.
                company("beispiel-ag.de", "Beispiel AG", "320000000", 1450, "automotive", "DE"),
                // Exactly 50 M EUR: the usual direct/partner threshold, for boundary checks.
                company("grenzfall-gmbh.de", "Grenzfall GmbH", "50000000", 260, "packaging", "DE"),
                // Known to the source but without revenue, employees or industry.
                company("ohne-angaben.de", "Ohne Angaben GmbH", null, null, null, "DE"),
                company("muster-logistik.at", "Muster Logistik GmbH", "18500000", 95, "logistics", "AT"),
                company("beispiel-praezision.ch", "Beispiel Präzision AG", "27000000", 140, "electronics", "CH"),
                company("exemple.fr", "Exemple SAS", "75000000", 410, "retail", "FR"),
                company("voorbeeld.nl", "Voorbeeld B.V.", "9800000", 60, "food-and-beverage", "NL"));
    }

    private static CompanyProfile company(String domain, String name, String revenue, Integer employees,
            String industry, String country) {
        return CompanyProfile.newBuilder()
                .setDomain(domain)
                .setName(name)
                .setAnnualRevenue(revenue == null ? null : eur(new BigDecimal(revenue)))
                .setEmployees(employees)
                .setIndustry(industry)
                .setCountry(country)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    private static Money eur(BigDecimal amount) {
        return Money.newBuilder().setAmount(amount.setScale(2, RoundingMode.UNNECESSARY)).setCurrency(CURRENCY).build();
    }

    private record Country(String code, String tld, int weight, String[] stems, String[] legalForms, int language) {
    }

    private static final Set<String> LARGE_COMPANY_FORMS = Set.of("SE", "SA", "N.V.");

    private static final int GERMAN = 0;
    private static final int FRENCH = 1;
    private static final int DUTCH = 2;

    private static final Country[] COUNTRIES = {
        new Country("DE", "de", 60, new String[] {"Becker", "Hoffmann", "Krüger", "Lindner", "Neumann", "Schröder",
            "Vogel", "Wagner", "Zimmermann", "Brandt", "Hartmann", "Keller", "Alpen", "Rhein", "Elbe", "Weser", "Nord",
            "Hansa", "Bavaria", "Taunus", "Spessart", "Harz", "Eifel", "Mosel", "Ostsee", "Schwarzwald", "Lausitz",
            "Franken", "Allgäu", "Weber", "Fischer", "Schulz", "Köhler", "Lorenz", "Seidel"},
            new String[] {"GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "SE"}, GERMAN),
        new Country("AT", "at", 12, new String[] {"Donau", "Tirol", "Steirer", "Wiener", "Salzach", "Gruber", "Huber",
            "Pichler", "Kärntner", "Wachau", "Inntal", "Mayrhofer", "Leitner", "Eder"},
            new String[] {"GmbH", "GmbH", "AG", "KG"}, GERMAN),
        new Country("CH", "ch", 10, new String[] {"Helvetia", "Limmat", "Aare", "Rigi", "Jura", "Brunner", "Meier",
            "Zürcher", "Säntis", "Emmental", "Gotthard", "Baumann", "Frei"},
            new String[] {"AG", "AG", "GmbH"}, GERMAN),
        new Country("FR", "fr", 10, new String[] {"Lumière", "Provence", "Loire", "Dubois", "Lefèvre", "Moreau",
            "Rousseau", "Atlantique", "Garonne", "Bretagne", "Vosges", "Mercier", "Fontaine"},
            new String[] {"SAS", "SAS", "SA", "SARL"}, FRENCH),
        new Country("NL", "nl", 8, new String[] {"Oranje", "Delta", "Polder", "Jansen", "de Vries", "Bakker", "Visser",
            "Zuiderzee", "Maas", "Veluwe", "Hollands", "Mulder"},
            new String[] {"B.V.", "B.V.", "N.V."}, DUTCH),
    };

    private record Industry(String id, String[] words) {
    }

    /** Industry ids with a word for a company name in German, French and Dutch. */
    private static final Industry[] INDUSTRIES = {
        new Industry("manufacturing", new String[] {"Maschinenbau", "Industrie", "Machinebouw"}),
        new Industry("automotive", new String[] {"Fahrzeugtechnik", "Automobile", "Automotive"}),
        new Industry("logistics", new String[] {"Logistik", "Logistique", "Logistiek"}),
        new Industry("packaging", new String[] {"Verpackung", "Emballage", "Verpakkingen"}),
        new Industry("retail", new String[] {"Handel", "Distribution", "Handel"}),
        new Industry("food-and-beverage", new String[] {"Lebensmittel", "Alimentaire", "Voeding"}),
        new Industry("pharmaceuticals", new String[] {"Pharma", "Pharma", "Farma"}),
        new Industry("chemicals", new String[] {"Chemie", "Chimie", "Chemie"}),
        new Industry("electronics", new String[] {"Elektronik", "Électronique", "Elektronica"}),
        new Industry("printing", new String[] {"Druck", "Imprimerie", "Drukkerij"}),
        new Industry("healthcare", new String[] {"Medizintechnik", "Santé", "Zorg"}),
        new Industry("construction", new String[] {"Bau", "Construction", "Bouw"}),
        new Industry("textiles", new String[] {"Textil", "Textile", "Textiel"}),
        new Industry("energy", new String[] {"Energie", "Énergie", "Energie"}),
    };

    /**
     * The well-known companies followed by generated ones, {@code count} in all (at least the
     * well-known ones). Revenues are log-uniform between 1 M and 500 M EUR (about a third above 50 M).
     */
    public static List<CompanyProfile> companies(int count, long seed, Instant updatedAt) {
        List<CompanyProfile> companies = new ArrayList<>(wellKnownCompanies());
        Set<String> domains = new HashSet<>(WELL_KNOWN_COMPANIES);
        Random random = new Random(seed);
        int totalWeight = 0;
        for (Country country : COUNTRIES) {
            totalWeight += country.weight();
        }
        int target = Math.max(count, companies.size());
        int misses = 0;
        while (companies.size() < target) {
            Country country = pickCountry(random, totalWeight);
            Industry industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
            String stem = country.stems()[random.nextInt(country.stems().length)];
            String legalForm = country.legalForms()[random.nextInt(country.legalForms().length)];
            String word = industry.words()[country.language()];
            String base = country.language() == FRENCH ? word + " " + stem : stem + " " + word;
            BigDecimal revenue = revenue(random);
            BigDecimal perEmployee = BigDecimal.valueOf(120_000 + random.nextInt(230_001));
            // A few records of any real address-broker set lack the head count.
            boolean employeesKnown = random.nextInt(25) != 0;

            String slug = slug(base);
            String domain = slug + "." + country.tld();
            if (!domains.add(domain)) {
                if (++misses < 20) {
                    continue; // name taken: draw another combination
                }
                // Only when asked for more companies than there are name combinations.
                for (int n = 2; !domains.add(domain); n++) {
                    domain = slug + "-" + n + "." + country.tld();
                }
                base = base + " " + domain.substring(slug.length() + 1, domain.lastIndexOf('.'));
            }
            misses = 0;
            int employees = Math.max(3, revenue.divide(perEmployee, 0, RoundingMode.HALF_UP).intValue());
            if (LARGE_COMPANY_FORMS.contains(legalForm) && revenue.compareTo(new BigDecimal("20000000")) < 0) {
                legalForm = country.legalForms()[0]; // no SE, SA or N.V. for a small firm
            }

            companies.add(CompanyProfile.newBuilder()
                    .setDomain(domain)
                    .setName(base + " " + legalForm)
                    .setAnnualRevenue(eur(revenue))
                    .setEmployees(employeesKnown ? employees : null)
                    .setIndustry(industry.id())
                    .setCountry(country.code())
                    .setUpdatedAt(Instant.EPOCH)
                    .build());
        }
        companies.forEach(c -> c.setUpdatedAt(updatedAt));
        return List.copyOf(companies);
    }

    private static Country pickCountry(Random random, int totalWeight) {
        int n = random.nextInt(totalWeight);
        for (Country country : COUNTRIES) {
            n -= country.weight();
            if (n < 0) {
                return country;
            }
        }
        return COUNTRIES[0];
    }

    /** Log-uniform in [1 M, 500 M], rounded to 10,000. */
    private static BigDecimal revenue(Random random) {
        double min = Math.log(MIN_REVENUE.doubleValue());
        double max = Math.log(MAX_REVENUE.doubleValue());
        double value = Math.exp(min + random.nextDouble() * (max - min));
        BigDecimal rounded = BigDecimal.valueOf(Math.round(value / 10_000.0) * 10_000L);
        return rounded.max(MIN_REVENUE).min(MAX_REVENUE);
    }

    /** A domain label: lower case ASCII, umlauts spelled out, other accents dropped, words joined by '-'. */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                .replace("&", " und ");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s;
    }
}
