package io.leadrelay.e2e;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadrelay.deploy.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The running pipeline as its users meet it: the contract's HTTP paths only. One stack per test JVM, started
 * from the built artifacts by deploy/local/run.sh and stopped when the JVM ends.
 */
final class Pipeline {

    /** Timers fire within a second so SLA and nurture scenarios finish in test time; everything else is default. */
    private static final String SERVICE_OPTIONS = String.join(" ",
            "-Dleadrelay.routing.sla.check-interval=PT1S",
            "-Dleadrelay.qualification.punctuation-interval=PT1S");

    private static final org.hamcrest.Matcher<Integer> SUCCESS =
            org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(200))
                    .and(org.hamcrest.Matchers.lessThan(300));

    private static Pipeline shared;

    final LocalStack stack;
    final String ingest;
    final String routing;
    final String feedback;

    private Pipeline(LocalStack stack) {
        this.stack = stack;
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

    void putPartner(String partnerId, List<String> postalPrefixes, String product, String acceptSla) {
        given().auth().oauth2(stack.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Partner " + partnerId,
                        "territories", List.of(Map.of("country", "DE", "postalPrefixes", postalPrefixes)),
                        "products", List.of(product), "tier", "GOLD", "capacity", 40, "weight", 1.0,
                        "acceptSla", acceptSla, "active", true))
                .put(feedback + "/api/v1/admin/partners/" + partnerId)
                .then().statusCode(SUCCESS);
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
        Response response = given().get(routing + "/api/v1/leads/" + leadId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    Response partner(String token, String method, String path, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, feedback + "/api/v1/partner" + path);
    }
}
