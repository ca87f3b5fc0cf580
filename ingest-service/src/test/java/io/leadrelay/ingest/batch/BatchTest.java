package io.leadrelay.ingest.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.RawLeads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /api/v1/leads/batch: per-row results, valid rows stored even when others fail. */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class BatchTest {

    private static final String HEADER = "firstName,lastName,email,company,country,postalCode,consent.marketing,message";
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
    void csvWithBomAndCrlfStoresValidRowsAndReportsInvalidOnes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "Anna,Schmidt,anna-" + tag + "@example.de,Example GmbH,Deutschland,80538,yes,\"Two plants, \"\"urgent\"\"\"\r\n"
                + "Bob,,not-an-email,Example GmbH,DE,80538,yes,\r\n"
                + "Chloé,Martin,chloe-" + tag + "@example.fr,Exemple SARL,France,75001,true,\"line one\r\nline two\"\r\n";
        List<String> ids = given().contentType("text/csv; charset=UTF-8").body(csv)
                .when().post("/api/v1/leads/batch")
                .then().statusCode(200).body("total", equalTo(3)).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("results[0].leadId", notNullValue())
                .body("results[1].leadId", nullValue()).body("results[1].errors.field", hasItem("email"))
                .body("results[2].state", equalTo("RECEIVED"))
                .extract().jsonPath().getList("results.leadId");
        RawLeads.Raw anna = raw.one(ids.get(0));
        assertThat(anna.get("profile.facts.message")).isEqualTo("Two plants, \"urgent\"");
        assertThat(anna.get("profile.source.channel")).isEqualTo("list-import");
        assertThat(anna.get("rawSubmission")).startsWith(HEADER + "\r\nAnna,Schmidt");
        assertThat(raw.one(ids.get(2)).get("profile.facts.message")).isEqualTo("line one\r\nline two");
    }

    @Test
    void jsonArrayIsAcceptedRowByRowAndAKeyedRetryWritesNothingTwice() {
        String key = "import-" + UUID.randomUUID();
        String body = """
                [{"firstName": "Anna", "lastName": "Schmidt", "email": "a-%1$s@example.de", "company": "Example GmbH",
                  "country": "DE", "consent": {"marketing": true}},
                 {"firstName": "Bob", "company": "Example GmbH", "country": "DE"},
                 "not a lead"]""".formatted(key);
        List<String> first = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/leads/batch")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(2))
                .extract().jsonPath().getList("results.leadId");
        List<String> again = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/leads/batch")
                .then().statusCode(200).extract().jsonPath().getList("results.leadId");
        assertThat(again).isEqualTo(first);
        raw.one(first.get(0));
        assertThat(raw.count(first.get(0))).isEqualTo(1);
    }

    @Test
    void malformedOrOversizedBatchesAreRefusedWhole() {
        String tag = UUID.randomUUID().toString();
        given().contentType("text/csv; charset=UTF-8").body("email,email\r\nx-" + tag + "@example.de,y@example.de\r\n")
                .when().post("/api/v1/leads/batch").then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/csv; charset=UTF-8").body(HEADER + "\r\nAnna,Schmidt,q-" + tag + "@example.de,Example GmbH,DE,80538,yes,\"open\r\n")
                .when().post("/api/v1/leads/batch").then().statusCode(400);
        given().contentType("application/json").body("[{\"email\": \"j-" + tag + "@example.de\"}, {")
                .when().post("/api/v1/leads/batch").then().statusCode(400);
        StringBuilder tooMany = new StringBuilder(HEADER).append("\n");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append("Anna,Schmidt,r").append(i).append('-').append(tag).append("@example.de,Example GmbH,DE,80538,yes,\n");
        }
        given().contentType("text/csv; charset=UTF-8").body(tooMany.toString())
                .when().post("/api/v1/leads/batch").then().statusCode(413).contentType("application/problem+json");
        given().contentType("application/xml").body("<leads/>")
                .when().post("/api/v1/leads/batch").then().statusCode(415);
        assertThat(raw.settle(r -> r.get("rawSubmission").contains(tag))).isEmpty();
    }
}
