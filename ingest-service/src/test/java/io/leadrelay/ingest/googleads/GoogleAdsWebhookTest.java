package io.leadrelay.ingest.googleads;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.RawLeads;
import io.leadrelay.ingest.intake.LeadIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(IngestTestResource.class)
class GoogleAdsWebhookTest {

    private static RawLeads raw;

    @BeforeAll
    static void probe() {
        raw = RawLeads.shared();
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    private static String payload(String leadId, String key, boolean test) {
        return """
                {"lead_id": "%s", "api_version": "1.0", "form_id": 40000000000, "campaign_id": 12345678901,
                 "google_key": "%s", "is_test": %s, "gcl_id": "gclid-1", "adgroup_id": 2000, "creative_id": 3000,
                 "user_column_data": [
                   {"column_name": "Full Name", "string_value": "Anna Maria Schmidt", "column_id": "FULL_NAME"},
                   {"column_name": "User Email", "string_value": "anna@Example-GmbH.de", "column_id": "EMAIL"},
                   {"column_name": "User Phone", "string_value": "+49 89 1234567", "column_id": "PHONE_NUMBER"},
                   {"column_name": "Company Name", "string_value": "Example GmbH", "column_id": "COMPANY_NAME"},
                   {"column_name": "Postal Code", "string_value": "80538", "column_id": "POSTAL_CODE"},
                   {"column_name": "Country", "string_value": "Germany", "column_id": "COUNTRY"},
                   {"column_name": "How many units?", "string_value": "40", "column_id": "OTHER"}]}"""
                .formatted(leadId, key, test);
    }

    @Test
    void testLeadIsStoredFlaggedWithItsGoogleLeadIdAndARedeliveryWritesNothing() {
        String googleLeadId = "TeSter-" + UUID.randomUUID();
        String leadId = given().contentType("application/json").body(payload(googleLeadId, "test-google-key", true))
                .when().post("/webhooks/google-ads")
                .then().statusCode(200).body("state", equalTo("RECEIVED")).extract().path("leadId");
        assertThat(leadId).isEqualTo(LeadIds.deterministic("google-ads", googleLeadId));

        RawLeads.Raw lead = raw.one(leadId);
        assertThat(lead.get("profile.test")).isEqualTo("true");
        assertThat(lead.get("profile.source.channel")).isEqualTo("google-ads");
        assertThat(lead.get("profile.source.reference")).isEqualTo(googleLeadId);
        assertThat(lead.get("profile.source.campaign")).isEqualTo("12345678901");
        assertThat(lead.get("profile.contact.firstName")).isEqualTo("Anna Maria");
        assertThat(lead.get("profile.contact.lastName")).isEqualTo("Schmidt");
        assertThat(lead.get("profile.contact.email")).isEqualTo("anna@example-gmbh.de");
        assertThat(lead.get("profile.company.country")).isEqualTo("DE");

        given().contentType("application/json").body(payload(googleLeadId, "test-google-key", true))
                .when().post("/webhooks/google-ads").then().statusCode(200).body("leadId", equalTo(leadId));
        assertThat(raw.count(leadId)).isEqualTo(1);
    }

    @Test
    void wrongGoogleKeyIsRefusedAndNothingIsPublished() {
        String googleLeadId = "wrong-key-" + UUID.randomUUID();
        given().contentType("application/json").body(payload(googleLeadId, "guessed", false))
                .when().post("/webhooks/google-ads")
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(raw.count(LeadIds.deterministic("google-ads", googleLeadId))).isZero();
    }
}
