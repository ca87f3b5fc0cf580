package io.leadrelay.ingest.form;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.RawLeads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;

/** POST /api/v1/leads/form: an HTML form's urlencoded body, with a 303 only to allow-listed thank-you pages. */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class FormTest {

    private static final RestAssuredConfig NO_FOLLOW = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    private static RawLeads raw;

    @BeforeAll
    static void probe() {
        raw = RawLeads.shared();
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    private static String form(String email, String redirect) {
        return "firstName=Anna&lastName=Schmidt&email=" + email.replace("@", "%40") + "&company=Example+GmbH"
                + "&country=Deutschland&postalCode=80538&expectedVolume.amount=5000&expectedVolume.currency=EUR"
                + "&consent.marketing=on&source.utm.campaign=autumn" + (redirect == null ? "" : "&redirect=" + redirect);
    }

    @Test
    void allowListedRedirectAnswers303AfterTheLeadIsStored() {
        String email = "form-" + UUID.randomUUID() + "@example.de";
        given().config(NO_FOLLOW).contentType("application/x-www-form-urlencoded")
                .body(form(email, "https%3A%2F%2Fwww.example.com%2Fthanks%3Fref%3Dfair"))
                .when().post("/api/v1/leads/form")
                .then().statusCode(303).header("Location", equalTo("https://www.example.com/thanks?ref=fair"));
        RawLeads.Raw lead = raw.await(r -> email.equals(r.get("profile.contact.email")), 1).get(0);
        assertThat(lead.get("profile.source.channel")).isEqualTo("web-form");
        assertThat(lead.get("profile.facts.expectedVolume.currency")).isEqualTo("EUR");
        assertThat(lead.get("rawContentType")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void withoutRedirectTheFormIsAnswered202() {
        given().config(NO_FOLLOW).contentType("application/x-www-form-urlencoded")
                .body(form("plain-" + UUID.randomUUID() + "@example.de", null))
                .when().post("/api/v1/leads/form")
                .then().statusCode(202).body("state", equalTo("RECEIVED"));
    }

    @Test
    void redirectNotOnTheAllowListIsRefusedAndNothingIsPublished() {
        String email = "redirect-" + UUID.randomUUID() + "@example.de";
        for (String target : new String[] {"https%3A%2F%2Fevil.example.org%2Fthanks", "%2F%2Fevil.example.org",
                "https%3A%2F%2Fwww.example.com.evil.org%2Fthanks", "https%3A%2F%2Fwww.example.com%40evil.org%2Fthanks",
                "javascript%3Aalert(1)", "https%3A%2F%2Fwww.example.com%2Fthanks%2F..%2Flogout"}) {
            given().config(NO_FOLLOW).contentType("application/x-www-form-urlencoded").body(form(email, target))
                    .when().post("/api/v1/leads/form")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("redirect"));
        }
        assertThat(raw.settle(r -> email.equals(r.get("profile.contact.email")))).isEmpty();
    }
}
