package io.leadrelay.ingest;

import java.util.UUID;

/** Test submissions: the contract's example lead, with a unique email so each test finds its own records. */
public final class Leads {

    private Leads() {
    }

    public static String uniqueEmail() {
        return "anna." + UUID.randomUUID().toString().substring(0, 8) + "@Example-GmbH.de";
    }

    public static String json(String email) {
        return """
                {"firstName": "Anna", "lastName": "Schmidt", "email": "%s", "phone": "089 1234567",
                 "company": "Example GmbH", "website": "example-gmbh.de", "country": "Deutschland",
                 "postalCode": "D-80538", "city": "München", "purchaseDecision": "Q3 2027",
                 "expectedVolume": {"amount": 120000, "currency": "eur"}, "currentProduct": "Competitor X",
                 "productInterest": "industrial-printers", "message": "Need 40 units for two plants",
                 "consent": {"marketing": true, "timestamp": "2026-11-20T09:30:00Z", "text": "newsletter-v3"},
                 "source": {"channel": "web-form", "campaign": "autumn-fair", "utm": {"source": "linkedin"}}}"""
                .formatted(email);
    }
}
