package io.leadrelay.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.Leads;
import io.leadrelay.ingest.RawLeads;
import io.leadrelay.ingest.IngestTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /api/v1/leads against the real broker and registry. */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class LeadApiTest {

    private static RawLeads raw;

    @BeforeAll
    static void probe() {
        raw = RawLeads.shared();
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    @Test
    void acceptedLeadIsOnLeadsRawNormalisedWithItsRawSubmission() {
        String email = Leads.uniqueEmail();
        String body = Leads.json(email);
        String leadId = given().contentType("application/json").body(body)
                .when().post("/api/v1/leads")
                .then().statusCode(202).body("state", equalTo("RECEIVED")).body("leadId", notNullValue())
                .extract().path("leadId");

        RawLeads.Raw lead = raw.one(leadId);
        assertThat(lead.get("leadId")).isEqualTo(leadId);
        assertThat(lead.get("profile.contact.email")).isEqualTo(email.substring(0, email.indexOf('@')) + "@example-gmbh.de");
        assertThat(lead.get("profile.contact.phone")).isEqualTo("+49891234567");
        assertThat(lead.get("profile.company.country")).isEqualTo("DE");
        assertThat(lead.get("profile.company.postalCode")).isEqualTo("80538");
        assertThat(lead.get("profile.facts.purchaseDecision")).isEqualTo(Integer.toString((int) LocalDate.of(2027, 9, 30).toEpochDay()));
        assertThat(lead.get("profile.facts.expectedVolume.currency")).isEqualTo("EUR");
        assertThat(lead.get("profile.source.channel")).isEqualTo("web-form");
        assertThat(lead.get("profile.source.utm")).contains("source=linkedin");
        assertThat(lead.get("profile.consent.marketing")).isEqualTo("true");
        assertThat(lead.get("profile.test")).isEqualTo("false");
        assertThat(lead.get("rawSubmission")).isEqualTo(body);
        assertThat(lead.get("rawContentType")).isEqualTo("application/json");
    }

    @Test
    void repeatWithSameIdempotencyKeyReturnsSameIdAndWritesNothingNew() {
        String key = "order-" + UUID.randomUUID();
        String body = Leads.json(Leads.uniqueEmail());
        String first = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/leads").then().statusCode(202).extract().path("leadId");
        String second = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/leads").then().statusCode(202).header("Idempotent-Replayed", "true")
                .extract().path("leadId");

        assertThat(second).isEqualTo(first);
        raw.one(first);
        assertThat(raw.count(first)).isEqualTo(1);
    }

    @Test
    void invalidLeadIsRefusedWithFieldErrorsAndNothingIsPublished() {
        String email = "not-an-email-" + UUID.randomUUID();
        given().contentType("application/json")
                .body("{\"firstName\": \"Anna\", \"email\": \"" + email + "\", \"company\": \"X\", \"country\": \"Atlantis\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("country"))
                .body("errors.field", hasItem("consent.marketing"));
        assertThat(raw.settle(r -> r.get("rawSubmission").contains(email))).isEmpty();
    }

    @Test
    void wrongContentTypeIs415AndMalformedJsonIs400() {
        given().contentType("text/plain").body("hello").when().post("/api/v1/leads")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").body("{\"firstName\": ").when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
