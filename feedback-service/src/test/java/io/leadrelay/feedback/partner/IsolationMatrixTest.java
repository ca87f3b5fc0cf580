package io.leadrelay.feedback.partner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.auth.TokenHash;
import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.FakeRouting;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.ApiToken;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every partner endpoint against every kind of lead and credential: a partner only ever sees or changes
 * leads offered or assigned to it; existence of other leads never leaks (404, not 403).
 */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class IsolationMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> BODIES = Map.of(
            "get", "",
            "accept", "",
            "return", "{\"reason\": \"NO_CAPACITY\"}",
            "progress", "{\"note\": \"call booked\"}",
            "close", "{\"outcome\": \"LOST\", \"lostReason\": \"PRICE\"}");

    private static String partnerId;
    private static String token;
    private static String otherToken;

    @BeforeEach
    void partners() {
        if (partnerId != null) {
            return;
        }
        partnerId = Assignments.newPartnerId();
        token = Tokens.partner(partnerId);
        otherToken = Tokens.partner(Assignments.newPartnerId());
    }

    private static Response call(String endpoint, String leadId, String authorization) {
        var request = given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (endpoint.equals("get")) {
            return request.get("/api/v1/partner/leads/" + leadId);
        }
        String body = BODIES.get(endpoint);
        if (!body.isEmpty()) {
            request = request.contentType("application/json").body(body);
        }
        return request.post("/api/v1/partner/leads/" + leadId + "/" + endpoint);
    }

    /** An own lead in the state the endpoint needs, answered by routing. */
    private static String ownLeadFor(String endpoint) {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        if (endpoint.equals("progress") || endpoint.equals("close")) {
            Assignments.accepted(leadId, partnerId);
        }
        String expected = endpoint.equals("progress") || endpoint.equals("close") ? "ACCEPTED" : "ASSIGNED";
        await().atMost(WAIT).untilAsserted(() -> call("get", leadId, Tokens.bearer(token)).then()
                .body("state", equalTo(expected)));
        return leadId;
    }

    @Test
    void everyEndpointAgainstEveryKindOfLeadAndCredential() {
        String othersLead = Assignments.newLeadId();
        Assignments.assigned(othersLead, Assignments.newPartnerId());
        String withdrawn = Assignments.newLeadId();
        Assignments.offered(withdrawn, partnerId);
        Assignments.withdrawn(withdrawn, partnerId);
        String unknown = Assignments.newLeadId();

        String expiring = expiredPartnerToken();
        String salesToken = Tokens.sales("isolation-sales");
        await().atMost(WAIT).untilAsserted(() -> call("get", withdrawn, Tokens.bearer(token)).then().statusCode(404));

        for (String endpoint : List.of("get", "accept", "return", "progress", "close")) {
            String own = ownLeadFor(endpoint);
            String bearer = Tokens.bearer(token);
            int ownStatus = 200;
            call(endpoint, own, bearer).then().statusCode(ownStatus);
            call(endpoint, othersLead, bearer).then().statusCode(404).contentType("application/problem+json");
            call(endpoint, own, Tokens.bearer(otherToken)).then().statusCode(404);
            call(endpoint, withdrawn, bearer).then().statusCode(endpoint.equals("get") ? 404 : 409);
            call(endpoint, unknown, bearer).then().statusCode(404);
            call(endpoint, own, null).then().statusCode(401).contentType("application/problem+json");
            call(endpoint, own, "Bearer lrt_not-a-real-token").then().statusCode(401);
            call(endpoint, own, "Basic dXNlcjpwYXNz").then().statusCode(401);
            call(endpoint, own, Tokens.bearer(expiring)).then().statusCode(401);
            call(endpoint, own, Tokens.bearer(salesToken)).then().statusCode(403);
            call(endpoint, own, Tokens.bearer(Tokens.ADMIN)).then().statusCode(403);
        }
        // The list never shows others' leads, and needs a partner credential too.
        given().header("Authorization", Tokens.bearer(otherToken)).get("/api/v1/partner/leads").then().statusCode(200)
                .body("size()", equalTo(0));
        given().get("/api/v1/partner/leads").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(salesToken)).get("/api/v1/partner/leads").then().statusCode(403);
    }

    /** A partner token written to the token topic as another instance would, seen working, then expired. */
    private static String expiredPartnerToken() {
        String expiring = TokenHash.newToken();
        Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        String tokenId = TokenHash.newTokenId();
        TestKafka.write(Topics.FEEDBACK_TOKENS, tokenId, new ApiToken(tokenId, TokenHash.sha256(expiring), "partner",
                partnerId, Instant.now().truncatedTo(ChronoUnit.MILLIS), expiresAt, false), null);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", Tokens.bearer(expiring))
                .get("/api/v1/partner/leads").then().statusCode(200));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(expiresAt.plusMillis(200)));
        return expiring;
    }

    private static Response partnerCall(String method, String path, String authorization) {
        var request = given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (method.equals("PUT")) {
            request = request.contentType("application/json")
                    .body("{\"url\": \"http://127.0.0.1:9/matrix-hook\", \"secret\": \"a-secret-of-the-matrix\"}");
        }
        return request.request(method, path);
    }

    @Test
    void thePartnersOtherEndpointsAgainstEveryKindOfCredential() {
        String expiring = expiredPartnerToken();
        String salesToken = Tokens.sales("isolation-sales-2");
        List<String[]> endpoints = List.of(new String[] {"GET", "/api/v1/partner/leads"},
                new String[] {"GET", "/api/v1/partner/requests/" + UUID.randomUUID()},
                new String[] {"PUT", "/api/v1/partner/webhook"}, new String[] {"GET", "/api/v1/partner/webhook"},
                new String[] {"DELETE", "/api/v1/partner/webhook"});
        for (String[] endpoint : endpoints) {
            String method = endpoint[0];
            String path = endpoint[1];
            partnerCall(method, path, null).then().statusCode(401).contentType("application/problem+json");
            partnerCall(method, path, "Bearer lrt_not-a-real-token").then().statusCode(401);
            partnerCall(method, path, "Basic dXNlcjpwYXNz").then().statusCode(401);
            partnerCall(method, path, Tokens.bearer(expiring)).then().statusCode(401);
            partnerCall(method, path, Tokens.bearer(salesToken)).then().statusCode(403);
            partnerCall(method, path, Tokens.bearer(Tokens.ADMIN)).then().statusCode(403);
        }
        // None of the refused calls registered a webhook; a request id of nobody's is unknown to the partner too.
        String bearer = Tokens.bearer(token);
        partnerCall("GET", "/api/v1/partner/webhook", bearer).then().statusCode(404);
        partnerCall("GET", endpoints.get(1)[1], bearer).then().statusCode(404);

        // A partner's webhook is its own: another partner neither sees nor removes it. (A partner without leads, so
        // no delivery to the unreachable URL is ever attempted.)
        String hookOwner = Tokens.bearer(Tokens.partner(Assignments.newPartnerId()));
        partnerCall("PUT", "/api/v1/partner/webhook", hookOwner).then().statusCode(200);
        partnerCall("GET", "/api/v1/partner/webhook", Tokens.bearer(otherToken)).then().statusCode(404);
        partnerCall("DELETE", "/api/v1/partner/webhook", Tokens.bearer(otherToken)).then().statusCode(404);
        partnerCall("GET", "/api/v1/partner/webhook", hookOwner).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/matrix-hook"));
        partnerCall("DELETE", "/api/v1/partner/webhook", hookOwner).then().statusCode(204);
    }

    @Test
    void jwtOfTheIssuerWorksWithThePartnerIdFromItsClaim() {
        String leadId = Assignments.newLeadId();
        Assignments.offered(leadId, partnerId);
        String jwt = Tokens.jwt("user-1", List.of("partner"), partnerId, Instant.now().plusSeconds(300), Tokens.ISSUER);
        await().atMost(WAIT).untilAsserted(() -> call("get", leadId, Tokens.bearer(jwt)).then().statusCode(200));

        String otherPartnersJwt = Tokens.jwt("user-2", List.of("partner"), "p-someone-else", Instant.now().plusSeconds(300),
                Tokens.ISSUER);
        call("get", leadId, Tokens.bearer(otherPartnersJwt)).then().statusCode(404);
        String expired = Tokens.jwt("user-1", List.of("partner"), partnerId, Instant.now().minusSeconds(300), Tokens.ISSUER);
        call("get", leadId, Tokens.bearer(expired)).then().statusCode(401);
        String foreignIssuer = Tokens.jwt("user-1", List.of("partner"), partnerId, Instant.now().plusSeconds(300),
                "https://evil.example");
        call("get", leadId, Tokens.bearer(foreignIssuer)).then().statusCode(401);
        String noPartnerClaim = Tokens.jwt("user-1", List.of("partner"), null, Instant.now().plusSeconds(300), Tokens.ISSUER);
        call("get", leadId, Tokens.bearer(noPartnerClaim)).then().statusCode(401);
        String salesJwt = Tokens.jwt("seller", List.of("sales"), null, Instant.now().plusSeconds(300), Tokens.ISSUER);
        call("get", leadId, Tokens.bearer(salesJwt)).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(salesJwt)).get("/api/v1/sales/queue").then().statusCode(200);
    }
}
