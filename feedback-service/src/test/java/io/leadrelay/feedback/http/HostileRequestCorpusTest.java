package io.leadrelay.feedback.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.FakeRouting;
import io.leadrelay.feedback.support.Lifecycle;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * Hundreds of malformed and hostile requests across the endpoints: each gets a 4xx problem answer,
 * none a 5xx, and nothing is written to any topic.
 */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class HostileRequestCorpusTest {

    private static final List<String> WRITTEN_TOPICS = List.of(Topics.LEADS_FEEDBACK.name(), Topics.LEADS_RETURNS.name(),
            Topics.REFERENCE_PARTNERS.name(), Topics.REFERENCE_COMPANIES.name(), Topics.PRIVACY_ERASURE_REQUESTS.name(),
            Topics.FEEDBACK_TOKENS.name(), Topics.FEEDBACK_WEBHOOKS.name());

    /** Bodies no endpoint may accept. */
    private static List<String> hostileBodies() {
        List<String> bodies = new ArrayList<>(List.of(
                "", "   ", "null", "[]", "[{}]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "{'a': 1}",
                "{\"reason\": \"PROJECT_MISMATCH\",}", "{\"reason\": \"PROJECT_MISMATCH\"} trailing",
                "{\"partnerId\": \"p-forged\"}",
                "{\"reason\": \"PROJECT_MISMATCH\", \"partnerId\": \"p-forged\"}",
                "{\"reason\": \"PROJECT_MISMATCH\", \"reason\": \"OTHER\"}",
                "{\"reason\": \"KEIN_LEAD\"}", "{\"reason\": \"project_mismatch\"}", "{\"reason\": 7}",
                "{\"reason\": [\"OTHER\"]}", "{\"reason\": {\"code\": \"OTHER\"}}", "{\"reason\": \"OTHER\"}",
                "{\"reason\": \"OTHER\", \"comment\": \"\\u0000\\u0007bell\"}",
                "{\"reason\": \"OTHER\", \"comment\": \"" + "x".repeat(3000) + "\"}",
                "{\"reason\": \"OTHER\\u202Etxt\"}",
                "{\"outcome\": \"MAYBE\"}", "{\"outcome\": \"LOST\"}", "{\"outcome\": \"WON\", \"value\": \"lots\"}",
                "{\"outcome\": \"WON\", \"value\": -5}", "{\"outcome\": \"WON\", \"value\": 1.234}",
                "{\"outcome\": \"WON\", \"value\": 1e400}", "{\"outcome\": \"WON\", \"value\": 10, \"currency\": \"EURO\"}",
                "{\"outcome\": \"WON\", \"value\": 10, \"currency\": \"XYZ\"}",
                "{\"outcome\": \"WON\", \"lostReason\": \"PRICE\"}",
                "{\"note\": 5}", "{\"expectedCloseDate\": \"31.03.2027\"}", "{\"expectedCloseDate\": \"2001-01-01\"}",
                "{\"note\": \"\\u001b[31mred\"}", "{\"value\": 100, \"currency\": \"eur\"}",
                "{\"url\": \"javascript:alert(1)\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"http://user:pw@host/x\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"http://host/x\", \"secret\": \"short\"}",
                // Server-side request forgery: refused even where private targets are allowed (the tests' stubs).
                "{\"url\": \"http://169.254.169.254/latest/meta-data/\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"http://[fe80::1]/x\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"http://0.0.0.0:8094/api/v1/admin/erasure\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"http://224.0.0.1/x\", \"secret\": \"0123456789abcdef\"}",
                "{\"url\": \"gopher://127.0.0.1:9092/x\", \"secret\": \"0123456789abcdef\"}",
                "{\"name\": \"X\", \"territories\": \"DE\", \"products\": [\"a\"], \"tier\": \"GOLD\", \"capacity\": 1}",
                "{\"name\": \"X\", \"territories\": [{\"country\": \"DE\", \"postalPrefixes\": [\"80 \"]}], \"products\": [\"a\"], \"tier\": \"GOLD\", \"capacity\": 1.5}",
                "{\"name\": \"X\", \"annualRevenue\": 1, \"currency\": \"EUR\", \"employees\": 99999999999}",
                "{\"email\": \"a@b\"}", "{\"email\": \"\\u0000@example.com\"}", "{\"email\": [\"x@example.com\"]}",
                "{\"role\": \"admin\\n\"}", "{\"expiresIn\": \"forever\"}", "{\"expiresIn\": \"PT1S\"}",
                "{\"channel\": \"CARRIER_PIGEON\"}", "{\"partnerId\": \"P_UPPER\"}", "{\"reason\": \"\"}",
                "{\"reason\": null}", "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"a\": \"" + "y".repeat(30_000) + "\"}"));
        return bodies;
    }

    @Test
    void hostileRequestsGetProblemsNeverA5xxAndWriteNothing() {
        String partnerId = Assignments.newPartnerId();
        String partnerToken = Tokens.partner(partnerId);
        String salesToken = Tokens.sales("corpus-sales");
        String assigned = Assignments.newLeadId();
        String accepted = Assignments.newLeadId();
        FakeRouting.get().reject(assigned, "TEST", LeadState.ASSIGNED);
        FakeRouting.get().reject(accepted, "TEST", LeadState.ACCEPTED);
        Assignments.assigned(assigned, partnerId);
        Assignments.assigned(accepted, partnerId);
        Assignments.accepted(accepted, partnerId);
        String waiting = Assignments.newLeadId();
        Lifecycle.write(waiting, LeadState.RECEIVED, LeadState.MQL, "MQL_NEEDS_PERSON", false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer(partnerToken)).get("/api/v1/partner/leads/" + accepted)
                .then().body("state", equalTo("ACCEPTED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer(salesToken)).get("/api/v1/sales/queue?limit=1000")
                .then().body("leadId", org.hamcrest.Matchers.hasItem(waiting)));

        // endpoint → (method, path, token)
        Map<String, String[]> endpoints = Map.ofEntries(
                Map.entry("return", new String[] { "POST", "/api/v1/partner/leads/" + assigned + "/return", partnerToken }),
                Map.entry("progress", new String[] { "POST", "/api/v1/partner/leads/" + accepted + "/progress", partnerToken }),
                Map.entry("close", new String[] { "POST", "/api/v1/partner/leads/" + accepted + "/close", partnerToken }),
                Map.entry("webhook", new String[] { "PUT", "/api/v1/partner/webhook", partnerToken }),
                Map.entry("partner", new String[] { "PUT", "/api/v1/admin/partners/p-corpus", Tokens.ADMIN }),
                Map.entry("company", new String[] { "PUT", "/api/v1/admin/companies/corpus.example", Tokens.ADMIN }),
                Map.entry("userToken", new String[] { "POST", "/api/v1/admin/users/corpus-user/tokens", Tokens.ADMIN }),
                Map.entry("erasure", new String[] { "POST", "/api/v1/admin/erasure", Tokens.ADMIN }),
                Map.entry("nurture", new String[] { "POST", "/api/v1/sales/leads/" + waiting + "/nurture", salesToken }),
                Map.entry("qualify", new String[] { "POST", "/api/v1/sales/leads/" + waiting + "/qualify", salesToken }));

        Map<String, Long> before = TestKafka.endOffsets(WRITTEN_TOPICS);
        RestAssuredConfig raw = RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (var endpoint : endpoints.entrySet()) {
            String[] e = endpoint.getValue();
            List<String> bodies = new ArrayList<>(hostileBodies());
            // A few valid-looking bodies that are wrong only for this endpoint.
            bodies.add("{\"unexpected\": true}");
            for (String body : bodies) {
                if (isValidFor(endpoint.getKey(), body)) {
                    continue;
                }
                var response = given().config(raw).header("Authorization", Tokens.bearer(e[2]))
                        .contentType("application/json").body(body).request(e[0], e[1]);
                sent++;
                check(failures, endpoint.getKey() + " " + abbreviate(body), response.statusCode(), response.contentType());
            }
            // Wrong media type, and a body far over the limit.
            var wrongType = given().config(raw).header("Authorization", Tokens.bearer(e[2])).contentType("text/plain")
                    .body("reason=OTHER").request(e[0], e[1]);
            sent++;
            check(failures, endpoint.getKey() + " text/plain", wrongType.statusCode(), wrongType.contentType());
            var huge = given().config(raw).header("Authorization", Tokens.bearer(e[2])).contentType("application/json")
                    .body("{\"note\": \"" + "z".repeat(100_000) + "\"}").request(e[0], e[1]);
            sent++;
            check(failures, endpoint.getKey() + " huge", huge.statusCode(), huge.contentType());
        }
        // Hostile paths and credentials.
        for (String leadId : List.of("..%2F..%2Fadmin", "%00", "x".repeat(500), "lead%0Aid", "%27%20OR%201%3D1%20--", "%E2%80%AE")) {
            var response = given().header("Authorization", Tokens.bearer(partnerToken))
                    .urlEncodingEnabled(false).post("/api/v1/partner/leads/" + leadId + "/accept");
            sent++;
            check(failures, "path " + leadId, response.statusCode(), response.contentType());
        }
        for (String header : List.of("Bearer", "Bearer ", "bearer x.y.z", "Bearer a.b", "Bearer " + "t".repeat(9000),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Token abc", "Bearer \u00e9")) {
            var response = given().header("Authorization", header).get("/api/v1/partner/leads");
            sent++;
            check(failures, "auth " + abbreviate(header), response.statusCode(), response.contentType());
        }

        assertThat(failures).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(200);
        assertThat(TestKafka.endOffsets(WRITTEN_TOPICS)).isEqualTo(before);
    }

    /** The few corpus bodies that are legitimately valid for one endpoint are skipped there. */
    private static boolean isValidFor(String endpoint, String body) {
        return (endpoint.equals("nurture") && java.util.Set.of("{\"reason\": \"KEIN_LEAD\"}",
                "{\"reason\": \"project_mismatch\"}", "{\"reason\": \"OTHER\"}").contains(body))
                // Qualifying without channel or note is a valid decision: an empty body means "qualify".
                || (endpoint.equals("qualify") && (body.isBlank() || body.equals("{\"partnerId\": \"p-forged\"}")));
    }

    private static void check(List<String> failures, String what, int status, String contentType) {
        if (status < 400 || status >= 500 || contentType == null || !contentType.startsWith("application/problem+json")) {
            failures.add(what + " -> " + status + " " + contentType);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
