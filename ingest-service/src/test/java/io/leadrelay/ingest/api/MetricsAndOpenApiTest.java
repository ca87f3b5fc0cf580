package io.leadrelay.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.Leads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(IngestTestResource.class)
class MetricsAndOpenApiTest {

    @Test
    void countersPerSourceAndAckLatencyHistogramAreExported() {
        given().contentType("application/json").body(Leads.json(Leads.uniqueEmail()))
                .when().post("/api/v1/leads").then().statusCode(202);
        given().contentType("application/json").body("{\"firstName\": \"Anna\"}")
                .when().post("/api/v1/leads").then().statusCode(422);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("leadrelay_ingest_leads_received_total{source=\"api\"}"))
                .body(containsString("leadrelay_ingest_leads_accepted_total{source=\"api\"}"))
                .body(containsString("leadrelay_ingest_leads_rejected_total{source=\"api\"}"))
                .body(containsString("leadrelay_ingest_ack_latency_seconds_bucket{source=\"api\""));
    }

    @Test
    void openApiDescribesEveryEndpointWithExamples() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/leads/form"))
                .body(containsString("/api/v1/leads/batch"))
                .body(containsString("/webhooks/google-ads"))
                .body(containsString("/webhooks/meta"))
                .body(containsString("industrial-printers"));
    }

    @Test
    void unknownPathAndWrongMethodAnswerProblemDetails() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/api/v1/leads").then().statusCode(405).contentType("application/problem+json");
    }
}
