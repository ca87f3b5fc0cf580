package io.leadrelay.harness.world;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.leadrelay.schemas.CompanyProfile;

/**
 * Synthetic leads as real sources send them: people at the run's companies in Germany, Austria, Switzerland,
 * France and the Netherlands, with addresses, phone numbers and names of their country, from several channels
 * (web forms, trade fairs, webinars, ads), each carrying the facts an MQL needs. Deterministic for a seed.
 * Not thread-safe: one factory per driver thread.
 */
public final class LeadFactory {

    /** Revenue (EUR) from which routing sends a lead to direct sales (routing's default threshold). */
    static final BigDecimal DIRECT_THRESHOLD = new BigDecimal("50000000");
    /** Revenue and head count that make a grade-A lead (qualification's default score tiers), promoted to SQL by rule. */
    static final BigDecimal GRADE_A_REVENUE = new BigDecimal("5000000");
    static final int GRADE_A_EMPLOYEES = 50;

    private record Place(String country, String postalCode, String city) {
    }

    private static final List<Place> PLACES = List.of(
            new Place("DE", "01067", "Dresden"), new Place("DE", "04109", "Leipzig"), new Place("DE", "10115", "Berlin"),
            new Place("DE", "14467", "Potsdam"), new Place("DE", "18055", "Rostock"), new Place("DE", "20095", "Hamburg"),
            new Place("DE", "24103", "Kiel"), new Place("DE", "28195", "Bremen"), new Place("DE", "30159", "Hannover"),
            new Place("DE", "39104", "Magdeburg"), new Place("DE", "40213", "Düsseldorf"), new Place("DE", "44135", "Dortmund"),
            new Place("DE", "45127", "Essen"), new Place("DE", "50667", "Köln"), new Place("DE", "53111", "Bonn"),
            new Place("DE", "60311", "Frankfurt am Main"), new Place("DE", "65183", "Wiesbaden"),
            new Place("DE", "68159", "Mannheim"), new Place("DE", "70173", "Stuttgart"), new Place("DE", "76133", "Karlsruhe"),
            new Place("DE", "80538", "München"), new Place("DE", "81371", "München"), new Place("DE", "85540", "Haar"),
            new Place("DE", "86150", "Augsburg"), new Place("DE", "90402", "Nürnberg"), new Place("DE", "93047", "Regensburg"),
            new Place("DE", "99084", "Erfurt"),
            new Place("AT", "1010", "Wien"), new Place("AT", "4020", "Linz"), new Place("AT", "5020", "Salzburg"),
            new Place("AT", "6020", "Innsbruck"), new Place("AT", "8010", "Graz"),
            new Place("CH", "8001", "Zürich"), new Place("CH", "8400", "Winterthur"), new Place("CH", "3011", "Bern"),
            new Place("CH", "4051", "Basel"), new Place("CH", "6003", "Luzern"),
            new Place("FR", "75008", "Paris"), new Place("FR", "92100", "Boulogne-Billancourt"), new Place("FR", "69002", "Lyon"),
            new Place("FR", "13001", "Marseille"), new Place("FR", "31000", "Toulouse"), new Place("FR", "67000", "Strasbourg"),
            new Place("NL", "1011 AB", "Amsterdam"), new Place("NL", "3011 AD", "Rotterdam"), new Place("NL", "2511 BT", "Den Haag"),
            new Place("NL", "3511 LX", "Utrecht"), new Place("NL", "5611 AZ", "Eindhoven"));

    private static final Map<String, String> PHONE_PREFIX = Map.of("DE", "+49 89 ", "AT", "+43 1 ", "CH", "+41 44 ",
            "FR", "+33 1 ", "NL", "+31 20 ");
    private static final Map<String, Integer> PHONE_DIGITS = Map.of("DE", 7, "AT", 7, "CH", 7, "FR", 8, "NL", 7);

    private static final String[] GERMAN_FIRST = {"Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix", "Lea", "Paul",
        "Hannah", "Maximilian", "Katharina", "Tobias", "Julia", "Florian", "Sabine", "Jürgen", "Birgit", "Matthias"};
    private static final String[] GERMAN_LAST = {"Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
        "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Huber", "Gruber"};
    private static final String[] FRENCH_FIRST = {"Camille", "Louis", "Chloé", "Hugo", "Léa", "Jules", "Manon", "Théo"};
    private static final String[] FRENCH_LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
        "Durand", "Lefèvre", "Moreau"};
    private static final String[] DUTCH_FIRST = {"Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Bram", "Sanne"};
    private static final String[] DUTCH_LAST = {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser",
        "Smit", "Meijer"};

    private record Source(String channel, String campaign, String utmSource, boolean form) {
    }

    private static final Source[] SOURCES = {
        new Source("web-form", "printer-finder", null, true),
        new Source("web-form", "contact-us", null, true),
        new Source("trade-fair", "fachpack-nuernberg", null, false),
        new Source("trade-fair", "drupa-duesseldorf", null, false),
        new Source("webinar", "label-printing-101", null, false),
        new Source("paid-social", "autumn-campaign", "linkedin", false),
        new Source("search-ads", "industrial-printers-dach", "google", false),
        new Source("newsletter", "november-issue", "newsletter", false),
    };

    private static final String[] CURRENT_PRODUCTS = {"Competitor X", "Zebra ZT411", "HP Indigo", "Epson ColorWorks",
        "in-house offset press", "none yet", "Stratasys F370", "outsourced to a print shop"};
    private static final String[] MESSAGES = {"Need %d units for two plants", "Replacing %d old devices next year",
        "Looking for a quote for %d printers", "Please call me about %d units and a service contract",
        "Evaluation for %d sites, decision with the board"};

    private final Random random;
    private final Clock clock;
    private final String runTag;
    private final LeadMix mix;
    private final List<CompanyProfile> partnerCompanies = new ArrayList<>();
    private final List<CompanyProfile> directCompanies = new ArrayList<>();
    private final List<Map<String, Object>> earlierPartnerLeads = new ArrayList<>();
    /** Places by country, and the places where some partner sells a product (key country|product): computed once. */
    private final Map<String, List<Place>> placesIn = new java.util.HashMap<>();
    private final Map<String, List<Place>> coveredPlaces = new java.util.HashMap<>();
    private long sequence;

    /**
     * @param runTag makes this run's people unique (plus-addressed email), so leads of an earlier run are never merged
     *               into this run's
     */
    public LeadFactory(List<CompanyProfile> companies, PartnerNetwork network, LeadMix mix, long seed, String runTag,
            Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
        this.runTag = runTag;
        this.mix = mix;
        for (CompanyProfile company : companies) {
            if (company.getAnnualRevenue() == null || !PHONE_PREFIX.containsKey(company.getCountry())) {
                continue;
            }
            BigDecimal revenue = company.getAnnualRevenue().getAmount();
            if (revenue.compareTo(DIRECT_THRESHOLD) >= 0) {
                directCompanies.add(company);
            } else if (revenue.compareTo(GRADE_A_REVENUE) >= 0 && company.getEmployees() != null
                    && company.getEmployees() >= GRADE_A_EMPLOYEES) {
                partnerCompanies.add(company);
            }
        }
        for (Place place : PLACES) {
            placesIn.computeIfAbsent(place.country(), c -> new ArrayList<>()).add(place);
            for (String product : PartnerNetwork.PRODUCTS) {
                List<Place> covered = coveredPlaces.computeIfAbsent(place.country() + "|" + product, k -> new ArrayList<>());
                if (network.covered(place.country(), place.postalCode(), product)) {
                    covered.add(place);
                }
            }
        }
        if (partnerCompanies.isEmpty() || directCompanies.isEmpty()) {
            throw new IllegalArgumentException("the company list has no partner-channel or no direct-sales companies");
        }
    }

    public SyntheticLead next() {
        sequence++;
        double roll = random.nextDouble();
        if (roll < mix.duplicate() && !earlierPartnerLeads.isEmpty()) {
            Map<String, Object> again = new LinkedHashMap<>(earlierPartnerLeads.get(random.nextInt(earlierPartnerLeads.size())));
            again.put("message", "Sent the form again - any news?");
            return lead(again, SyntheticLead.Intent.DUPLICATE, false, false);
        }
        roll -= mix.duplicate();
        if (roll < mix.direct()) {
            return build(pick(directCompanies), SyntheticLead.Intent.DIRECT, 7);
        }
        roll -= mix.direct();
        if (roll < mix.nurture()) {
            return build(pick(partnerCompanies), SyntheticLead.Intent.NURTURE, 14);
        }
        return build(pick(partnerCompanies), SyntheticLead.Intent.PARTNER, 7);
    }

    private CompanyProfile pick(List<CompanyProfile> companies) {
        return companies.get(random.nextInt(companies.size()));
    }

    private SyntheticLead build(CompanyProfile company, SyntheticLead.Intent intent, int monthsToDecision) {
        String country = company.getCountry();
        String product = PartnerNetwork.PRODUCTS.get(random.nextInt(PartnerNetwork.PRODUCTS.size()));
        List<Place> places = placesIn.get(country);
        List<Place> covered = coveredPlaces.get(country + "|" + product);
        // Where some partner sells the product, except the mix's share of places where nobody does (SALES_REVIEW).
        List<Place> uncovered = places.stream().filter(p -> !covered.contains(p)).toList();
        boolean nowhere = intent == SyntheticLead.Intent.PARTNER && !uncovered.isEmpty() && random.nextDouble() < mix.uncovered();
        Place place = nowhere || covered.isEmpty() ? (uncovered.isEmpty() ? places : uncovered).get(random.nextInt(
                (uncovered.isEmpty() ? places : uncovered).size())) : covered.get(random.nextInt(covered.size()));

        String[][] names = names(country);
        String first = names[0][random.nextInt(names[0].length)];
        String last = names[1][random.nextInt(names[1].length)];
        String domain = company.getDomain();
        int units = 5 + random.nextInt(60);
        long volume = 20_000L + 1_000L * random.nextInt(180);
        LocalDate decision = LocalDate.now(clock).plusMonths(monthsToDecision).plusDays(random.nextInt(20) - 10);
        Source source = SOURCES[random.nextInt(SOURCES.length)];

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", first);
        fields.put("lastName", last);
        fields.put("email", slug(first) + "." + slug(last) + "+" + runTag + "-" + sequence + "@" + domain);
        fields.put("phone", phone(country));
        fields.put("company", company.getName());
        fields.put("website", domain);
        fields.put("country", country);
        fields.put("postalCode", place.postalCode());
        fields.put("city", place.city());
        fields.put("purchaseDecision", decision.toString());
        fields.put("expectedVolume", Map.of("amount", volume, "currency", "EUR"));
        fields.put("currentProduct", CURRENT_PRODUCTS[random.nextInt(CURRENT_PRODUCTS.length)]);
        fields.put("productInterest", product);
        fields.put("message", String.format(Locale.ROOT, MESSAGES[random.nextInt(MESSAGES.length)], units));
        fields.put("consent", Map.of("marketing", true, "timestamp", Instant.now(clock).toString(), "text", "newsletter-v3"));
        Map<String, Object> sourceFields = new LinkedHashMap<>();
        sourceFields.put("channel", source.channel());
        sourceFields.put("campaign", source.campaign());
        if (source.utmSource() != null) {
            sourceFields.put("utm", Map.of("source", source.utmSource()));
        }
        fields.put("source", sourceFields);
        if (intent == SyntheticLead.Intent.PARTNER && earlierPartnerLeads.size() < 1_000) {
            earlierPartnerLeads.add(fields);
        }
        return lead(fields, intent, source.form(), covered.contains(place));
    }

    private SyntheticLead lead(Map<String, Object> fields, SyntheticLead.Intent intent, boolean form, boolean covered) {
        return new SyntheticLead(runTag + "-" + sequence, form, fields, intent, (String) fields.get("country"),
                (String) fields.get("postalCode"), (String) fields.get("productInterest"), covered);
    }

    private static String[][] names(String country) {
        return switch (country) {
            case "FR" -> new String[][] {FRENCH_FIRST, FRENCH_LAST};
            case "NL" -> new String[][] {DUTCH_FIRST, DUTCH_LAST};
            default -> new String[][] {GERMAN_FIRST, GERMAN_LAST};
        };
    }

    private String phone(String country) {
        StringBuilder number = new StringBuilder(PHONE_PREFIX.get(country));
        number.append(2 + random.nextInt(6)); // no leading 0/1: those are service and trunk prefixes
        for (int i = 1; i < PHONE_DIGITS.get(country); i++) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }

    private static String slug(String name) {
        return io.leadrelay.deploy.DemoData.slug(name).replace("-", "");
    }
}
