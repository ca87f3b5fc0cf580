package io.leadrelay.feedback.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.FakeRouting;
import io.leadrelay.feedback.support.IssuerStubResource;
import io.leadrelay.feedback.support.TestIssuer;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The service configured with an issuer URL only: keys found through OIDC discovery, picked by kid, a rotated key
 * picked up, an issuer outage answered 401, all through the partner API against the real broker and registry.
 */
@QuarkusTest
@TestProfile(OidcDiscoveryTest.DiscoveredIssuer.class)
@WithTestResource(LeadrelayTestResource.class)
class OidcDiscoveryTest {

    // The first request meets a freshly started service of its own profile, which may still be catching up.
    private static final Duration WAIT = Duration.ofSeconds(60);

    public static class DiscoveredIssuer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IssuerStubResource.class));
        }
    }

    private static int status(String leadId, String jwt) {
        return given().header("Authorization", Tokens.bearer(jwt)).get("/api/v1/partner/leads/" + leadId).statusCode();
    }

    @Test
    void jwtsOfADiscoveredIssuerWorkThroughKeyRotationAndAreRefusedWhileItIsDown() {
        TestIssuer issuer = new TestIssuer(ConfigProvider.getConfig().getValue("leadrelay.auth.jwt.issuer", String.class));
        PublicJsonWebKey first = TestIssuer.rsaKey("key-2026-11");
        issuer.serve(first);
        String partnerId = Assignments.newPartnerId();
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        Instant expires = Instant.now().plusSeconds(300);
        String jwt = issuer.token(first, "user-1", List.of("partner"), partnerId, expires);

        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", Tokens.bearer(jwt))
                .get("/api/v1/partner/leads/" + leadId).then().statusCode(200).body("state", equalTo("ASSIGNED")));
        given().header("Authorization", Tokens.bearer(jwt)).post("/api/v1/partner/leads/" + leadId + "/accept")
                .then().statusCode(200).body("state", equalTo("ACCEPTED"));
        given().header("Authorization", Tokens.bearer(jwt)).get("/api/v1/partner/leads").then().statusCode(200)
                .body("leadId", hasItem(leadId));

        // Refused: another partner's claim, wrong issuer, expired, HS256 naming the issuer's kid, another role.
        assertThat(status(leadId, issuer.token(first, "user-2", List.of("partner"),
                "p-someone-else", expires))).isEqualTo(404);
        assertThat(status(leadId, TestIssuer.token(first, "https://evil.example", "user-1",
                List.of("partner"), partnerId, expires))).isEqualTo(401);
        assertThat(status(leadId, issuer.token(first, "user-1", List.of("partner"), partnerId,
                Instant.now().minusSeconds(300)))).isEqualTo(401);
        assertThat(status(leadId, issuer.hs256("key-2026-11", "user-1", List.of("partner"),
                partnerId, expires))).isEqualTo(401);
        String salesJwt = issuer.token(first, "seller", List.of("sales"), null, expires);
        assertThat(status(leadId, salesJwt)).isEqualTo(403);
        given().header("Authorization", Tokens.bearer(salesJwt)).get("/api/v1/sales/queue").then().statusCode(200);

        // The issuer rotates: tokens of the new key work once the key set was fetched again.
        PublicJsonWebKey second = TestIssuer.ecKey("key-2026-12");
        issuer.serve(first, second);
        String rotated = issuer.token(second, "user-1", List.of("partner"), partnerId, expires);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", Tokens.bearer(rotated))
                .get("/api/v1/partner/leads/" + leadId).then().statusCode(200).body("state", equalTo("ACCEPTED")));

        // The issuer is down: a token of a key not seen yet is refused (401, nothing about why); known keys still work.
        issuer.down();
        String unseen = issuer.token(TestIssuer.rsaKey("key-2027-01"), "user-1", List.of("partner"), partnerId, expires);
        int fetchesBefore = issuer.requestsFor(issuer.jwksPath());
        await().atMost(WAIT).until(() -> {
            given().header("Authorization", Tokens.bearer(unseen)).get("/api/v1/partner/leads/" + leadId).then()
                    .statusCode(401).contentType("application/problem+json").body(not(containsString(unseen)))
                    .body(not(containsString("key-2027-01")));
            return issuer.requestsFor(issuer.jwksPath()) > fetchesBefore;
        });
        given().header("Authorization", Tokens.bearer(unseen)).contentType("application/json").body("{\"note\": \"call\"}")
                .post("/api/v1/partner/leads/" + leadId + "/progress").then().statusCode(401);
        assertThat(status(leadId, jwt)).isEqualTo(200);
        assertThat(status(leadId, rotated)).isEqualTo(200);
    }
}
