package io.leadrelay.feedback.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.feedback.http.FieldReader;
import io.leadrelay.feedback.http.JsonInput;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.Territory;

/** Validates partner and company master data into the records of the reference topics. */
public final class MasterData {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern POSTAL_PREFIX = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    public static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private MasterData() {
    }

    /** Reads a partner record; an accept SLA must lie between {@code minSla} and {@code maxSla}. */
    public static PartnerProfile partner(String partnerId, String body, Instant now, Duration minSla, Duration maxSla) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "name", "territories", "products", "tier",
                "capacity", "weight", "acceptSla", "active", "pausedUntil");
        String name = fields.line("name", true, 200);
        List<Territory> territories = new ArrayList<>();
        List<JsonNode> territoryNodes = fields.array("territories", true, 300);
        if (territoryNodes != null) {
            if (territoryNodes.isEmpty()) {
                fields.error("territories", "must name at least one country");
            }
            for (int i = 0; i < territoryNodes.size(); i++) {
                FieldReader territory = fields.element("territories", i, territoryNodes.get(i), "country", "postalPrefixes");
                if (territory == null) {
                    continue;
                }
                String country = country(territory, "country", true);
                List<String> prefixes = new ArrayList<>();
                List<JsonNode> prefixNodes = territory.array("postalPrefixes", false, 2000);
                if (prefixNodes != null) {
                    for (int j = 0; j < prefixNodes.size(); j++) {
                        String prefix = territory.stringElement("postalPrefixes", j, prefixNodes.get(j), POSTAL_PREFIX,
                                "must be 1-10 upper-case letters or digits");
                        if (prefix != null) {
                            prefixes.add(prefix);
                        }
                    }
                }
                if (country != null) {
                    territories.add(new Territory(country, prefixes));
                }
            }
        }
        List<String> products = new ArrayList<>();
        List<JsonNode> productNodes = fields.array("products", true, 200);
        if (productNodes != null) {
            if (productNodes.isEmpty()) {
                fields.error("products", "must name at least one product line");
            }
            for (int i = 0; i < productNodes.size(); i++) {
                String product = fields.stringElement("products", i, productNodes.get(i), PRODUCT,
                        "must be a product id (lower-case letters, digits, . _ -)");
                if (product != null) {
                    products.add(product);
                }
            }
        }
        PartnerTier tier = fields.enumValue("tier", PartnerTier.class, true);
        Integer capacity = fields.integer("capacity", true, 0, 100_000);
        Double weight = fields.decimal("weight", false, 0.0, 100.0);
        Duration acceptSla = fields.duration("acceptSla", false, minSla, maxSla);
        Boolean active = fields.bool("active", false);
        Instant pausedUntil = fields.instant("pausedUntil", false);
        fields.throwIfInvalid();
        return PartnerProfile.newBuilder().setPartnerId(partnerId).setName(name).setTerritories(territories)
                .setProducts(products).setTier(tier).setCapacity(capacity).setWeight(weight == null ? 1.0 : weight)
                .setAcceptSla(acceptSla == null ? null : acceptSla.toString()).setActive(active == null || active)
                .setPausedUntil(pausedUntil).setUpdatedAt(now).build();
    }

    public static CompanyProfile company(String domain, String body, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "name", "annualRevenue", "currency",
                "employees", "industry", "country");
        String name = fields.line("name", true, 300);
        BigDecimal revenue = fields.money("annualRevenue", false);
        String currency = fields.matching("currency", revenue != null, CURRENCY, "must be an ISO 4217 code, e.g. EUR");
        if (currency != null && !isCurrency(currency)) {
            fields.error("currency", "must be an ISO 4217 code, e.g. EUR");
        }
        Integer employees = fields.integer("employees", false, 0, 10_000_000);
        String industry = fields.line("industry", false, 100);
        String country = country(fields, "country", false);
        fields.throwIfInvalid();
        return CompanyProfile.newBuilder().setDomain(domain).setName(name)
                .setAnnualRevenue(revenue == null ? null : new Money(revenue, currency)).setEmployees(employees)
                .setIndustry(industry).setCountry(country).setUpdatedAt(now).build();
    }

    /** Lower case, without scheme, path or a leading {@code www.}; null when it is not a domain. */
    public static String normaliseDomain(String raw) {
        String domain = raw.strip().toLowerCase(Locale.ROOT);
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        return DOMAIN.matcher(domain).matches() ? domain : null;
    }

    private static String country(FieldReader fields, String name, boolean required) {
        String country = fields.line(name, required, 2);
        if (country != null && !COUNTRIES.contains(country)) {
            fields.error(name, "must be an ISO 3166-1 alpha-2 code, e.g. DE");
            return null;
        }
        return country;
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
