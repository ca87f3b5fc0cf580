package io.leadrelay.qualification.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.RawLead;

/**
 * A reproducible stream of realistic raw leads for the benchmark: mostly complete leads of companies the source
 * knows (some grade A, promoted to SQL by rule), leads of unknown companies and free-mail leads (enrichment misses),
 * decisions too far out or already past, missing facts, duplicates of recent persons (merged), and a few
 * disqualifications. Every lead is about 1 KB of Avro, like ingest's output (raw submission included).
 */
final class LeadMix {

    /** What a generated lead is meant to exercise, with its share in percent. */
    enum Kind {
        KNOWN_COMPANY(35),
        UNKNOWN_COMPANY(15),
        FREE_MAIL(10),
        DECISION_TOO_FAR(12),
        DECISION_PAST(3),
        MISSING_FACTS(8),
        DUPLICATE(12),
        TEST_LEAD(2),
        DISPOSABLE_EMAIL(2),
        NO_CONSENT(1);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }
    }

    static final int COMPANIES = 400;
    private static final int RECENT_PERSONS = 2_000;
    private static final String[] PRODUCTS = {"industrial-printers", "label-printers", "production-lines"};
    private static final String[] FREE_MAIL = {"gmail.com", "gmx.de", "web.de", "outlook.com"};

    private final Random random = new Random(20261127L);
    private final Kind[] byPercent = new Kind[100];
    private final List<String> recentPersons = new ArrayList<>(RECENT_PERSONS);
    private final Map<Kind, Integer> generated = new EnumMap<>(Kind.class);
    private long sequence;

    LeadMix() {
        int at = 0;
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < kind.percent; i++) {
                byPercent[at++] = kind;
            }
        }
        if (at != byPercent.length) {
            throw new IllegalStateException("lead mix shares add up to " + at + "%, not 100%");
        }
    }

    /** The company source: revenue and head count spread over every score tier. */
    static List<CompanyProfile> companies() {
        List<CompanyProfile> companies = new ArrayList<>(COMPANIES);
        String[] revenues = {"900000.00", "8000000.00", "60000000.00", "250000000.00"};
        int[] employees = {12, 80, 300, 1200};
        for (int i = 0; i < COMPANIES; i++) {
            companies.add(CompanyProfile.newBuilder(Leads.company(companyDomain(i), revenues[i % 4], employees[(i / 4) % 4]))
                    .setName("Firma " + i + " GmbH").build());
        }
        return companies;
    }

    static String companyDomain(int i) {
        return "firma-" + i + ".de";
    }

    Map<Kind, Integer> generated() {
        return generated;
    }

    RawLead next() {
        Kind kind = byPercent[random.nextInt(byPercent.length)];
        if (kind == Kind.DUPLICATE && recentPersons.isEmpty()) {
            kind = Kind.KNOWN_COMPANY;
        }
        generated.merge(kind, 1, Integer::sum);
        String leadId = "bench-" + (++sequence);
        int company = random.nextInt(COMPANIES);
        String domain = switch (kind) {
            case UNKNOWN_COMPANY -> "unknown-" + random.nextInt(50_000) + ".de";
            case FREE_MAIL -> FREE_MAIL[random.nextInt(FREE_MAIL.length)];
            case DISPOSABLE_EMAIL -> "mailinator.com";
            default -> companyDomain(company);
        };
        String email = kind == Kind.DUPLICATE ? recentPersons.get(random.nextInt(recentPersons.size()))
                : "person-" + sequence + "@" + domain;
        LeadProfile.Builder profile = Leads.profile(email);
        profile.setContact(Contact.newBuilder(profile.getContact())
                .setPhone(String.format("+4989%07d", random.nextInt(10_000_000))).build());
        profile.setCompany(CompanyRef.newBuilder(profile.getCompany())
                .setName(kind == Kind.UNKNOWN_COMPANY ? "Unbekannt " + sequence + " AG" : "Firma " + company + " GmbH")
                .setWebsite(kind == Kind.FREE_MAIL ? null : "https://www." + domain + "/kontakt").build());
        QualificationFacts.Builder facts = QualificationFacts.newBuilder(profile.getFacts())
                .setProductInterest(PRODUCTS[random.nextInt(PRODUCTS.length)])
                .setExpectedVolume(Leads.money((10_000 + random.nextInt(400_000)) + ".00"))
                .setPurchaseDecision(Leads.TODAY.plusMonths(switch (kind) {
                    case DECISION_TOO_FAR -> 16 + random.nextInt(12);
                    case DECISION_PAST -> -1 - random.nextInt(6);
                    default -> 3 + random.nextInt(5);
                }));
        switch (kind) {
            case MISSING_FACTS -> facts.setCurrentProduct(random.nextBoolean() ? null : "").setExpectedVolume(null);
            case TEST_LEAD -> profile.setTest(true);
            case NO_CONSENT -> profile.setConsent(Consent.newBuilder(profile.getConsent()).setMarketing(false).build());
            default -> {
            }
        }
        profile.setFacts(facts.build());
        if (kind != Kind.DUPLICATE && kind != Kind.TEST_LEAD && kind != Kind.DISPOSABLE_EMAIL
                && kind != Kind.NO_CONSENT) {
            remember(email);
        }
        RawLead raw = Leads.raw(leadId, profile.build(), Leads.NOW.plus(Duration.ofSeconds(sequence)));
        raw.setRawContentType("application/json");
        raw.setRawSubmission(submission(raw));
        return raw;
    }

    private void remember(String email) {
        if (recentPersons.size() < RECENT_PERSONS) {
            recentPersons.add(email);
        } else {
            recentPersons.set(random.nextInt(RECENT_PERSONS), email);
        }
    }

    /** The web form body ingest received, as ingest keeps it. */
    private static String submission(RawLead raw) {
        LeadProfile p = raw.getProfile();
        return "{\"firstName\":\"" + p.getContact().getFirstName() + "\",\"lastName\":\"" + p.getContact().getLastName()
                + "\",\"email\":\"" + p.getContact().getEmail() + "\",\"phone\":\"" + p.getContact().getPhone()
                + "\",\"company\":\"" + p.getCompany().getName() + "\",\"website\":\"" + p.getCompany().getWebsite()
                + "\",\"postalCode\":\"" + p.getCompany().getPostalCode() + "\",\"city\":\"" + p.getCompany().getCity()
                + "\",\"decision\":\"" + p.getFacts().getPurchaseDecision() + "\",\"volume\":\""
                + p.getFacts().getExpectedVolume() + "\",\"currentProduct\":\"" + p.getFacts().getCurrentProduct()
                + "\",\"interest\":\"" + p.getFacts().getProductInterest() + "\",\"message\":\""
                + p.getFacts().getMessage() + "\",\"consent\":" + p.getConsent().getMarketing()
                + ",\"utm_source\":\"linkedin\",\"utm_campaign\":\"autumn-fair\",\"form\":\"contact-sales-v4\"}";
    }
}
