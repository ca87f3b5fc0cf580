package io.leadrelay.e2e;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One scenario's own world: a company, a partner territory and a product line nobody else uses, so scenarios
 * sharing the running stack never see each other's partners or leads.
 */
final class Scenario {

    final String domain;
    final String partnerId;
    final String product;
    final String postalPrefix;
    final String tag;

    Scenario(String name, String postalPrefix) {
        this.tag = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.domain = tag + ".example.de";
        this.partnerId = "p-" + tag;
        this.product = "printers-" + tag;
        this.postalPrefix = postalPrefix;
    }

    /** The n-th of several partners of this scenario. */
    String partner(int n) {
        return partnerId + "-" + n;
    }

    String email(String person) {
        return person + "." + tag + "@" + domain;
    }

    Map<String, String> formLead(String person, LocalDate decision) {
        Map<String, String> form = new HashMap<>();
        form.put("firstName", person);
        form.put("lastName", "Muster");
        form.put("email", email(person));
        form.put("phone", "+49 89 1234567");
        form.put("company", "E2E " + domain);
        form.put("website", domain);
        form.put("country", "DE");
        form.put("postalCode", postalPrefix + "538");
        form.put("city", "Testheim");
        form.put("purchaseDecision", decision.format(DateTimeFormatter.ISO_LOCAL_DATE));
        form.put("expectedVolume.amount", "120000");
        form.put("expectedVolume.currency", "EUR");
        form.put("currentProduct", "Competitor X");
        form.put("productInterest", product);
        form.put("message", "Need 40 units for two plants");
        form.put("consent.marketing", "true");
        form.put("consent.timestamp", Instant.now().toString());
        form.put("consent.text", "newsletter-v3");
        form.put("source.channel", "web-form");
        form.put("source.campaign", "e2e");
        return form;
    }

    Map<String, Object> jsonLead(String person, LocalDate decision) {
        Map<String, Object> lead = new HashMap<>();
        formLead(person, decision).forEach((key, value) -> {
            if (!key.contains(".")) {
                lead.put(key, value);
            }
        });
        lead.put("expectedVolume", Map.of("amount", 120000, "currency", "EUR"));
        lead.put("consent", Map.of("marketing", true, "timestamp", Instant.now().toString(),
                "text", "newsletter-v3"));
        lead.put("source", Map.of("channel", "web-form", "campaign", "e2e"));
        return lead;
    }
}
