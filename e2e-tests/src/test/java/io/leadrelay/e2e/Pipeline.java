package io.leadrelay.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The running pipeline as its users meet it: the contract's HTTP paths and topics only. One stack per test JVM,
 * started from the built artifacts by deploy/local/run.sh and stopped when the JVM ends.
 */
final class Pipeline {

    /** How long a lead may take to reach the state a scenario waits for, on a busy 2-core machine. */
    static final Duration FLOW = Duration.ofSeconds(120);

    /** Partner attempts before SALES_REVIEW (routing's default), passed to routing so the returns scenario counts. */
    static final int MAX_ATTEMPTS = 3;

    /** The expiry scenario's partner SLA; the stack's admin API is told to allow SLAs this short. */
    static final Duration SHORT_ACCEPT_SLA = Duration.ofSeconds(20);

    /**
     * Timers fire within a second so SLA and nurture scenarios finish in test time; partner actions wait long enough
     * for routing's answer that a busy machine still gives the partner 200 or 409 rather than 202. Everything else is
     * default.
     */
    private static final String SERVICE_OPTIONS = String.join(" ",
            "-Dleadrelay.routing.sla.check-interval=PT1S",
            "-Dleadrelay.partners.min-accept-sla=" + SHORT_ACCEPT_SLA,
            "-Dleadrelay.routing.max-attempts=" + MAX_ATTEMPTS,
            "-Dleadrelay.qualification.punctuation-interval=PT1S",
            "-Dleadrelay.actions.answer-timeout=PT30S");

    private static final org.hamcrest.Matcher<Integer> SUCCESS =
            org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(200))
                    .and(org.hamcrest.Matchers.lessThan(300));

    private static Pipeline shared;

    final LocalStack stack;
    final RegistrySerdes serdes;
    final String ingest;
    final String routing;
    final String feedback;

    private Pipeline(LocalStack stack) {
        this.stack = stack;
        this.serdes = new RegistrySerdes(stack.registryUrl());
        this.ingest = url(stack, "ingest-service");
        this.routing = url(stack, "routing-stream");
        this.feedback = url(stack, "feedback-service");
    }

    static synchronized Pipeline shared() {
        if (shared == null) {
            Path root = Path.of(System.getProperty("leadrelay.root", "..")).toAbsolutePath().normalize();
            try {
                LocalStack stack = LocalStack.builder(root)
                        .dataDir(Path.of("target", "stack").toAbsolutePath())
                        .clean(true)
                        .build(false)
                        .env("LEADRELAY_KAFKA_PORT", freePort())
                        .env("LEADRELAY_CONTROLLER_PORT", freePort())
                        .env("LEADRELAY_REGISTRY_PORT", freePort())
                        .env("LEADRELAY_REGISTRY_MANAGEMENT_PORT", freePort())
                        .env("LEADRELAY_INGEST_PORT", freePort())
                        .env("LEADRELAY_QUALIFICATION_PORT", freePort())
                        .env("LEADRELAY_ROUTING_PORT", freePort())
                        .env("LEADRELAY_FEEDBACK_PORT", freePort())
                        .env("LEADRELAY_ADMIN_TOKEN", "e2e-admin-" + UUID.randomUUID())
                        .env("LEADRELAY_SERVICE_JAVA_OPTS", SERVICE_OPTIONS)
                        .startTimeout(Duration.ofMinutes(5))
                        .start();
                shared = new Pipeline(stack);
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
        }
        return shared;
    }

    private static String url(LocalStack stack, String module) {
        return stack.serviceUrl(module).orElseThrow(() -> new IllegalStateException(module + " is not running"))
                .toString();
    }

    private static String freePort() {
        return Integer.toString(io.leadrelay.testsupport.FreePorts.next());
    }

    // --- admin

    void putCompany(String domain, long revenueEur, int employees) {
        given().auth().oauth2(stack.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E " + domain, "annualRevenue", revenueEur, "currency", "EUR",
                        "employees", employees, "industry", "manufacturing", "country", "DE"))
                .put(feedback + "/api/v1/admin/companies/" + domain)
                .then().statusCode(SUCCESS);
    }

    /** @param acceptSla ISO-8601 */
    void putPartner(String partnerId, List<String> postalPrefixes, String product, String acceptSla) {
        Map<String, Object> partner = Map.of("name", "Partner " + partnerId,
                "territories", List.of(Map.of("country", "DE", "postalPrefixes", postalPrefixes)),
                "products", List.of(product), "tier", "GOLD", "capacity", 40, "weight", 1.0, "active", true,
                "acceptSla", acceptSla);
        Response answer = given().auth().oauth2(stack.adminToken()).contentType(ContentType.JSON).body(partner)
                .put(feedback + "/api/v1/admin/partners/" + partnerId);
        assertThat(answer.statusCode()).as(answer.asString()).isBetween(200, 299);
    }

    /** {@code count} partners of the scenario's territory and product, each with an API token: id → token. */
    Map<String, String> putPartners(Scenario s, int count, String acceptSla) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int n = 1; n <= count; n++) {
            putPartner(s.partner(n), List.of(s.postalPrefix), s.product, acceptSla);
            tokens.put(s.partner(n), partnerToken(s.partner(n)));
        }
        return tokens;
    }

    String partnerToken(String partnerId) {
        return given().auth().oauth2(stack.adminToken()).contentType(ContentType.JSON).body("{}")
                .post(feedback + "/api/v1/admin/partners/" + partnerId + "/tokens")
                .then().statusCode(SUCCESS).extract().path("token");
    }

    String salesToken(String userId) {
        return given().auth().oauth2(stack.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("role", "sales"))
                .post(feedback + "/api/v1/admin/users/" + userId + "/tokens")
                .then().statusCode(SUCCESS).extract().path("token");
    }

    // --- leads

    String submitForm(Map<String, String> fields) {
        // What a browser posts for a UTF-8 page; ingest refuses other declared charsets rather than guess.
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        fields.forEach(request::formParam);
        return request.post(ingest + "/api/v1/leads/form").then().statusCode(202).extract().path("leadId");
    }

    String submitJson(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead)
                .post(ingest + "/api/v1/leads").then().statusCode(202).extract().path("leadId");
    }

    /** The lead view of routing-stream, or null while routing does not know the lead yet. */
    JsonPath lead(String leadId) {
        Response response = leadResponse(leadId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    Response leadResponse(String leadId) {
        return given().get(routing + "/api/v1/leads/" + leadId);
    }

    /** The lead view once the lead is in one of {@code states}. */
    JsonPath awaitState(String leadId, Set<String> states) {
        return awaitLead(leadId, view -> assertThat(view.getString("state")).as("state of lead " + leadId)
                .isIn(states));
    }

    /** The lead view once it satisfies {@code condition} (assertions on the view). */
    JsonPath awaitLead(String leadId, Consumer<JsonPath> condition) {
        AtomicReference<JsonPath> seen = new AtomicReference<>();
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath view = lead(leadId);
            seen.set(view);
            assertThat(view).as("lead " + leadId + " known to routing").isNotNull();
            condition.accept(view);
        });
        return seen.get();
    }

    /** A read_committed reader of a topic from its beginning, as a partner system or downstream consumer reads it. */
    <V extends SpecificRecord> TopicProbe<V> probe(Topic<V> topic) {
        return TopicProbe.of(stack.kafkaBootstrap(), topic, serdes);
    }

    // --- partners

    Response partner(String token, String method, String path, Object body) {
        return withToken(token, method, feedback + "/api/v1/partner" + path, body);
    }

    List<String> inbox(String token) {
        return partner(token, "GET", "/leads", null).then().statusCode(200).extract().jsonPath()
                .getList("leadId", String.class);
    }

    void awaitInbox(String token, String leadId) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(inbox(token)).contains(leadId));
    }

    /** Waits until the lead has left the partner's inbox (withdrawn, reclaimed, returned, closed, erased). */
    void awaitGoneFromInbox(String token, String leadId) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(inbox(token)).doesNotContain(leadId));
    }

    // --- inside sales and privacy

    Response sales(String token, String method, String path, Object body) {
        return withToken(token, method, feedback + "/api/v1/sales" + path, body);
    }

    /** Waits until the lead waits for inside sales in {@code state} (MQL or SALES_REVIEW). */
    void awaitSalesQueue(String token, String leadId, String state) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                sales(token, "GET", "/queue?state=" + state + "&limit=1000", null).then().statusCode(200).extract()
                        .jsonPath().getList("leadId", String.class)).contains(leadId));
    }

    Response erase(String email) {
        return withToken(stack.adminToken(), "POST", feedback + "/api/v1/admin/erasure", Map.of("email", email));
    }

    private static Response withToken(String token, String method, String url, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, url);
    }
}
