package io.leadrelay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(IngestTestResource.class)
class HealthTest {

    @Test
    void serviceIsHealthy() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
