package io.leadrelay.ingest.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.Leads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With its broker stopped, the service answers 503 with Retry-After, never a 2xx for a lead Kafka does not have. */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    /** A profile of its own, so the service always gets a fresh start against a broker only this test uses. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnBrokerResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void brokerDownGives503WithRetryAfterOnEveryEndpoint() {
        given().contentType("application/json").body(Leads.json(Leads.uniqueEmail()))
                .when().post("/api/v1/leads").then().statusCode(202);

        OwnBrokerResource.stopBroker();

        given().contentType("application/json").body(Leads.json(Leads.uniqueEmail()))
                .when().post("/api/v1/leads")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(503));
        given().contentType("application/json").header("Idempotency-Key", "outage-" + UUID.randomUUID())
                .body(Leads.json(Leads.uniqueEmail()))
                .when().post("/api/v1/leads")
                .then().statusCode(503).header("Retry-After", notNullValue());
        given().contentType("text/csv; charset=UTF-8")
                .body("firstName,lastName,email,company,country,consent.marketing\r\nAnna,Schmidt,anna@example.de,Example GmbH,DE,true\r\n")
                .when().post("/api/v1/leads/batch")
                .then().statusCode(503).header("Retry-After", notNullValue()).body("results[0].state", equalTo("NOT_STORED"));
    }
}
