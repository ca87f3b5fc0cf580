package io.leadrelay.feedback.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.ApiToken;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class TokenAndAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).contentType("application/json");
    }

    @Test
    void issuedTokenIsShownOnceStoredOnlyAsHashWorksAndStopsWorkingWhenRevoked() throws Exception {
        String partnerId = Assignments.newPartnerId();
        var issued = admin().body("{\"expiresIn\": \"P30D\"}").post("/api/v1/admin/partners/" + partnerId + "/tokens")
                .then().statusCode(201).header("Cache-Control", "no-store").extract();
        String token = issued.path("token");
        String tokenId = issued.path("tokenId");
        assertThat(token).startsWith("lrt_").hasSizeGreaterThan(40);

        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/partner/leads").then().statusCode(200);

        try (TopicProbe<ApiToken> tokens = TestKafka.probe(Topics.FEEDBACK_TOKENS)) {
            ApiToken stored = tokens.await(r -> tokenId.equals(r.key()), 1, WAIT).get(0).value();
            assertThat(stored.getHash()).isEqualTo(TokenHash.sha256(token)).doesNotContain(token);
            assertThat(stored.toString()).doesNotContain(token);
            assertThat(stored.getSubject()).isEqualTo(partnerId);
            assertThat(stored.getRole()).isEqualTo("partner");
            assertThat(stored.getExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(29)));

            // A fresh reader of the topic (a restarted or second instance) knows the token.
            TokenBook restarted = new TokenBook();
            tokens.settle(r -> true, Duration.ofMillis(500)).stream()
                    .forEach(r -> restarted.apply(r.key(), r.value()));
            assertThat(restarted.verify(token, Instant.now())).map(Caller::partnerId).contains(partnerId);

            admin().delete("/api/v1/admin/tokens/" + tokenId).then().statusCode(204);
            given().header("Authorization", Tokens.bearer(token)).get("/api/v1/partner/leads").then().statusCode(401);
            admin().delete("/api/v1/admin/tokens/" + tokenId).then().statusCode(404);

            var tombstones = tokens.await(r -> tokenId.equals(r.key()) && r.value() == null, 1, WAIT);
            tombstones.forEach(r -> restarted.apply(r.key(), r.value()));
            assertThat(restarted.verify(token, Instant.now())).isEmpty();
        }
    }

    @Test
    void salesTokensAndRoleChecks() {
        String token = Tokens.sales("anna.sales");
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/sales/queue").then().statusCode(200);
        given().header("Authorization", Tokens.bearer(token)).contentType("application/json").body("{}")
                .post("/api/v1/admin/partners/p-x1/tokens").then().statusCode(403);
        admin().body("{\"role\": \"partner\"}").post("/api/v1/admin/users/bob/tokens").then().statusCode(422)
                .body("errors[0].field", equalTo("role"));
        admin().body("{\"role\": \"root\"}").post("/api/v1/admin/users/bob/tokens").then().statusCode(422);
    }

    @Test
    void partnerMasterDataIsValidatedAndPublished() {
        String partnerId = Assignments.newPartnerId();
        admin().body("""
                {"name": "Muster Systemhaus München", "territories": [{"country": "DE", "postalPrefixes": ["80", "81", "85"]}],
                 "products": ["industrial-printers"], "tier": "GOLD", "capacity": 40, "weight": 1.0,
                 "acceptSla": "PT48H", "active": true, "pausedUntil": null}""")
                .put("/api/v1/admin/partners/" + partnerId).then().statusCode(200)
                .body("partnerId", equalTo(partnerId)).body("tier", equalTo("GOLD"));
        try (TopicProbe<PartnerProfile> partners = TestKafka.probe(Topics.REFERENCE_PARTNERS)) {
            PartnerProfile profile = partners.await(r -> partnerId.equals(r.key()), 1, WAIT).get(0).value();
            assertThat(profile.getTier()).isEqualTo(PartnerTier.GOLD);
            assertThat(profile.getTerritories().get(0).getPostalPrefixes()).containsExactly("80", "81", "85");
            assertThat(profile.getAcceptSla()).isEqualTo("PT48H");
            assertThat(profile.getCapacity()).isEqualTo(40);
        }
        admin().body("""
                {"name": "", "territories": [{"country": "XX"}], "products": [], "tier": "DIAMOND", "capacity": -1,
                 "acceptSla": "2 days", "partnerId": "p-other"}""")
                .put("/api/v1/admin/partners/" + partnerId).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "territories[0].country", "products", "tier", "capacity",
                        "acceptSla", "partnerId"));
    }

    @Test
    void companiesAndErasure() {
        admin().body("""
                {"name": "Example GmbH", "annualRevenue": 42000000, "currency": "EUR", "employees": 180,
                 "industry": "manufacturing", "country": "DE"}""")
                .put("/api/v1/admin/companies/WWW.Example-Erase-Test.de").then().statusCode(200)
                .body("domain", equalTo("example-erase-test.de"));
        try (TopicProbe<CompanyProfile> companies = TestKafka.probe(Topics.REFERENCE_COMPANIES)) {
            CompanyProfile company = companies.await(r -> "example-erase-test.de".equals(r.key()), 1, WAIT).get(0).value();
            assertThat(company.getAnnualRevenue().getAmount()).isEqualByComparingTo("42000000");
            assertThat(company.getEmployees()).isEqualTo(180);
        }
        admin().body("{\"name\": \"X\", \"annualRevenue\": 5}").put("/api/v1/admin/companies/example.de")
                .then().statusCode(422).body("errors.field", hasItems("currency"));
        admin().body("{\"name\": \"X\"}").put("/api/v1/admin/companies/not a domain").then().statusCode(422);

        String email = "  Erika.Muster-" + System.nanoTime() + "@Example-GMBH.de ";
        String normalised = email.strip().replace("Example-GMBH.de", "example-gmbh.de");
        String requestId = admin().body("{\"email\": \"" + email + "\"}").post("/api/v1/admin/erasure")
                .then().statusCode(202).extract().path("requestId");
        try (TopicProbe<ErasureRequest> erasures = TestKafka.probe(Topics.PRIVACY_ERASURE_REQUESTS)) {
            ErasureRequest request = erasures.await(r -> normalised.equals(r.key()), 1, WAIT).get(0).value();
            assertThat(request.getRequestId()).isEqualTo(requestId);
            assertThat(request.getEmail()).isEqualTo(normalised);
            assertThat(request.getActor().getType()).isEqualTo("ADMIN");
        }
        admin().body("{\"email\": \"not-an-email\"}").post("/api/v1/admin/erasure").then().statusCode(422)
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void noCredentialAppearsInErrorAnswers() {
        String secret = "lrt_" + "S3cretThatMustNeverBeEchoed";
        given().header("Authorization", Tokens.bearer(secret)).get("/api/v1/partner/leads").then().statusCode(401)
                .body(not(containsString(secret)));
        admin().body("{\"email\": \"" + secret + "\"}").post("/api/v1/admin/erasure").then().statusCode(422)
                .body(not(containsString(secret)));
        given().header("Authorization", Tokens.bearer(Tokens.sales("leak-check"))).contentType("application/json")
                .body("{\"reason\": \"" + secret + "\", \"bogus\": 1}").post("/api/v1/sales/leads/unknown/nurture")
                .then().statusCode(404).body(not(containsString(secret)));
        List.of("/api/v1/admin/partners/p-a/tokens").forEach(path -> given()
                .header("Authorization", Tokens.bearer(Tokens.ADMIN + "x")).post(path).then().statusCode(401)
                .body(not(containsString(Tokens.ADMIN))));
    }
}
