package io.leadrelay.feedback.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.FakeRouting;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** What an integrator reads in /q/openapi and what an operator scrapes from /q/metrics. */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class OpenApiAndMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every operation of the contract (and the README), as "METHOD path". */
    private static final List<String> CONTRACT_OPERATIONS = List.of(
            "GET /api/v1/partner/leads",
            "GET /api/v1/partner/leads/{leadId}",
            "POST /api/v1/partner/leads/{leadId}/accept",
            "POST /api/v1/partner/leads/{leadId}/return",
            "POST /api/v1/partner/leads/{leadId}/progress",
            "POST /api/v1/partner/leads/{leadId}/close",
            "GET /api/v1/partner/requests/{requestId}",
            "PUT /api/v1/partner/webhook",
            "GET /api/v1/partner/webhook",
            "DELETE /api/v1/partner/webhook",
            "GET /api/v1/sales/queue",
            "POST /api/v1/sales/leads/{leadId}/qualify",
            "POST /api/v1/sales/leads/{leadId}/nurture",
            "POST /api/v1/sales/leads/{leadId}/disqualify",
            "PUT /api/v1/admin/partners/{partnerId}",
            "PUT /api/v1/admin/companies/{domain}",
            "POST /api/v1/admin/partners/{partnerId}/tokens",
            "POST /api/v1/admin/users/{userId}/tokens",
            "DELETE /api/v1/admin/tokens/{tokenId}",
            "POST /api/v1/admin/erasure");

    /** Operations that take a JSON body, so an integrator needs an example of it. */
    private static final List<String> OPERATIONS_WITH_BODY = List.of(
            "POST /api/v1/partner/leads/{leadId}/return",
            "POST /api/v1/partner/leads/{leadId}/progress",
            "POST /api/v1/partner/leads/{leadId}/close",
            "PUT /api/v1/partner/webhook",
            "POST /api/v1/sales/leads/{leadId}/qualify",
            "POST /api/v1/sales/leads/{leadId}/nurture",
            "POST /api/v1/sales/leads/{leadId}/disqualify",
            "PUT /api/v1/admin/partners/{partnerId}",
            "PUT /api/v1/admin/companies/{domain}",
            "POST /api/v1/admin/partners/{partnerId}/tokens",
            "POST /api/v1/admin/users/{userId}/tokens",
            "POST /api/v1/admin/erasure");

    private static final String PARTNER_MASTER_DATA = """
            {"name": "Muster Systemhaus München", "territories": [{"country": "DE", "postalPrefixes": ["80", "81", "85"]}],
             "products": ["industrial-printers"], "tier": "GOLD", "capacity": 40, "weight": 1.0,
             "acceptSla": "PT48H", "active": true, "pausedUntil": null}""";

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void openApiDocumentsEveryContractOperationWithBearerSecurity() throws Exception {
        JsonNode doc = openApi();

        List<String> missing = new ArrayList<>();
        List<String> unsecured = new ArrayList<>();
        for (String operation : CONTRACT_OPERATIONS) {
            JsonNode node = operation(doc, operation);
            if (node.isMissingNode()) {
                missing.add(operation);
                continue;
            }
            JsonNode security = node.has("security") ? node.get("security") : doc.path("security");
            boolean bearer = false;
            for (JsonNode requirement : security) {
                bearer |= requirement.has("bearer");
            }
            if (!bearer) {
                unsecured.add(operation);
            }
        }
        assertThat(missing).as("contract operations missing from /q/openapi").isEmpty();
        assertThat(unsecured).as("operations without the bearer security requirement").isEmpty();

        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualToIgnoringCase("bearer");
    }

    @Test
    void openApiCarriesTheContractRequestExamples() throws Exception {
        JsonNode doc = openApi();

        List<String> withoutExample = new ArrayList<>();
        for (String operation : OPERATIONS_WITH_BODY) {
            if (examples(doc, operation).isEmpty()) {
                withoutExample.add(operation);
            }
        }
        assertThat(withoutExample).as("operations with a body but no request example").isEmpty();

        assertThat(examples(doc, "PUT /api/v1/admin/partners/{partnerId}"))
                .containsValue(JSON.readTree(PARTNER_MASTER_DATA));
        assertThat(examples(doc, "POST /api/v1/partner/leads/{leadId}/close").values())
                .extracting(example -> example.path("outcome").asText()).containsExactlyInAnyOrder("WON", "LOST");
        assertThat(examples(doc, "POST /api/v1/partner/leads/{leadId}/return").values())
                .allSatisfy(example -> assertThat(example.has("reason")).isTrue());
        assertThat(examples(doc, "POST /api/v1/admin/users/{userId}/tokens").values())
                .extracting(example -> example.path("role").asText()).contains("sales");
    }

    @Test
    void metricsShowRequestsPerEndpointAndActionsPerPartner() {
        String partnerId = Assignments.newPartnerId();
        String token = Tokens.partner(partnerId);
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.offered(leadId, partnerId);
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/v1/partner/leads/" + leadId)
                .then().statusCode(200).body("state", equalTo("OFFERED")));

        as(token).get("/api/v1/partner/leads").then().statusCode(200);
        as(token).post("/api/v1/partner/leads/" + leadId + "/accept").then().statusCode(200)
                .body("state", equalTo("ACCEPTED"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(sample(metrics, "http_server_requests_seconds_count",
                Map.of("method", "GET", "uri", "/api/v1/partner/leads", "status", "200")))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(sample(metrics, "http_server_requests_seconds_count",
                Map.of("method", "POST", "uri", "/api/v1/partner/leads/{leadId}/accept", "status", "200")))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(sample(metrics, "leadrelay_partner_inbox_reads_total", Map.of("partner", partnerId)))
                .contains(1.0);
        assertThat(sample(metrics, "leadrelay_partner_actions_total",
                Map.of("partner", partnerId, "action", "accept", "outcome", "done")))
                .contains(1.0);
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", Tokens.bearer(bearer)).contentType("application/json");
    }

    private static JsonNode openApi() throws Exception {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        return JSON.readTree(body);
    }

    private static JsonNode operation(JsonNode doc, String operation) {
        String[] parts = operation.split(" ", 2);
        return doc.path("paths").path(parts[1]).path(parts[0].toLowerCase());
    }

    /** The JSON request examples of an operation by name, each parsed whether it is stored as an object or a string. */
    private static Map<String, JsonNode> examples(JsonNode doc, String operation) {
        Map<String, JsonNode> result = new HashMap<>();
        JsonNode examples = operation(doc, operation).path("requestBody").path("content").path("application/json")
                .path("examples");
        examples.fields().forEachRemaining(example -> {
            JsonNode value = example.getValue().path("value");
            try {
                result.put(example.getKey(), value.isTextual() ? JSON.readTree(value.asText()) : value);
            } catch (Exception e) {
                result.put(example.getKey(), value);
            }
        });
        return result;
    }

    /** The value of the Prometheus sample with this name whose labels include these. */
    private static Optional<Double> sample(String exposition, String name, Map<String, String> labels) {
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            int end = line.lastIndexOf('}');
            Map<String, String> found = new HashMap<>();
            Matcher matcher = LABEL.matcher(line.substring(name.length() + 1, end));
            while (matcher.find()) {
                found.put(matcher.group(1), matcher.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return Optional.of(Double.parseDouble(line.substring(end + 1).trim().split(" ")[0]));
            }
        }
        return Optional.empty();
    }
}
