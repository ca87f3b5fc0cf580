package io.leadrelay.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.StatsAggregate;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The stats API, the stats.* topics, the metrics and the live dashboard of the running service, fed with lifecycle
 * events through the real broker and registry. Each test uses its own campaign and partners, so figures of other
 * tests never mix in. The browser part drives Debian's chromium headless through chromedriver.
 */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class DashboardIntegrationTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static RegistrySerdes serdes;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void serdes() {
        serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
    }

    /** A small history for one campaign: 4 leads, one won at partner A, one reclaimed from partner B (an SLA breach). */
    private static List<LifecycleEvent> history(String campaign, String partnerA, String partnerB, Instant t0) {
        List<LifecycleEvent> events = new ArrayList<>();
        String won = campaign + "-won";
        Instant t = t0;
        LeadState[] path = { LeadState.RECEIVED, LeadState.MQL, LeadState.SQL };
        for (String lead : List.of(won, campaign + "-expired", campaign + "-nurture", campaign + "-mql")) {
            LeadState prev = null;
            for (LeadState s : path) {
                events.add(event(lead, campaign, prev, s, "RULE", "rule:test", t = t.plusSeconds(60)).build());
                prev = s;
                if (lead.endsWith("-mql") && s == LeadState.MQL) {
                    break;
                }
                if (lead.endsWith("-nurture") && s == LeadState.MQL) {
                    events.add(event(lead, campaign, s, LeadState.NURTURE, "RULE", "rule:test", t = t.plusSeconds(60))
                            .build());
                    break;
                }
            }
        }
        events.add(event(won, campaign, LeadState.SQL, LeadState.ASSIGNED, "RULE", "rule:partner-selection",
                t = t.plusSeconds(60)).setOwnerType(OwnerType.PARTNER).setOwnerId(partnerA).build());
        events.add(event(won, campaign, LeadState.ASSIGNED, LeadState.ACCEPTED, "PARTNER", partnerA,
                t = t.plusSeconds(3600)).setOwnerType(OwnerType.PARTNER).setOwnerId(partnerA).build());
        events.add(event(won, campaign, LeadState.ACCEPTED, LeadState.WON, "PARTNER", partnerA, t = t.plusSeconds(60))
                .setOwnerType(OwnerType.PARTNER).setOwnerId(partnerA)
                .setValue(new Money(new BigDecimal("98000.00"), "EUR")).build());
        String expired = campaign + "-expired";
        events.add(event(expired, campaign, LeadState.SQL, LeadState.ASSIGNED, "RULE", "rule:partner-selection",
                t = t.plusSeconds(60)).setOwnerType(OwnerType.PARTNER).setOwnerId(partnerB)
                .setDeadline(t.minusSeconds(30)).build());
        events.add(event(expired, campaign, LeadState.ASSIGNED, LeadState.EXPIRED, "RULE", "rule:sla",
                t = t.plusSeconds(60)).setReason("SLA_EXPIRED").setOwnerType(OwnerType.SALES).build());
        return events;
    }

    private static LifecycleEvent.Builder event(String lead, String campaign, LeadState from, LeadState to,
            String actorType, String actorId, Instant at) {
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId(lead).setFrom(from)
                .setTo(to).setReason(to == LeadState.ASSIGNED ? "ASSIGNED:GRADE_A" : to.name()).setActor(new Actor(actorType, actorId)).setAt(at)
                .setSourceChannel("web-form").setCampaign(campaign)
                .setValue(new Money(new BigDecimal("120000.00"), "EUR"))
                .setExpectedDecision(LocalDate.ofInstant(at, ZoneOffset.UTC).plusMonths(6));
    }

    private static void send(List<LifecycleEvent> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (KafkaProducer<String, LifecycleEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.LEADS_LIFECYCLE.valueSerde(serdes).serializer())) {
            for (LifecycleEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.LEADS_LIFECYCLE.name(), e.getLeadId(), e)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath stats(String view, String query) {
        return given().get("/api/v1/stats/" + view + "?" + query).then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void statsApiTopicsAndMetricsShowTheCampaignsLeads() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String campaign = "api-" + suffix;
        String partnerA = "p-api-a-" + suffix;
        String partnerB = "p-api-b-" + suffix;
        send(history(campaign, partnerA, partnerB, Instant.now().minusSeconds(86_400)));

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath funnel = stats("funnel", "campaign=" + campaign);
            assertThat(funnel.getLong("leads")).isEqualTo(4);
            assertThat(funnel.getList("conversion.converted", Long.class)).containsExactly(4L, 2L, 2L, 1L, 1L, 1L);
        });
        JsonPath partners = stats("partners", "partner=" + partnerA);
        assertThat(partners.getLong("partners[0].assigned")).isEqualTo(1);
        assertThat(partners.getLong("partners[0].accepted")).isEqualTo(1);
        assertThat(partners.getDouble("partners[0].acceptanceRate")).isEqualTo(1.0);
        assertThat(partners.getDouble("partners[0].timeToAccept.medianSeconds")).isBetween(3600.0, 3960.0);
        assertThat(partners.getString("partners[0].wonValue")).isEqualTo("98000.0");
        assertThat(stats("partners", "partner=" + partnerB).getLong("partners[0].slaExpired")).isEqualTo(1);
        JsonPath sources = stats("sources", "campaign=" + campaign);
        assertThat(sources.getLong("sources[0].leads")).isEqualTo(4);
        assertThat(sources.getDouble("sources[0].mqlRate")).isEqualTo(1.0);
        assertThat(sources.getDouble("sources[0].sqlRate")).isEqualTo(0.5);
        assertThat(sources.getDouble("sources[0].winRate")).isEqualTo(1.0);
        JsonPath forecast = stats("forecast", "campaign=" + campaign);
        assertThat(forecast.getLong("months.collect { it.openLeads }.sum()")).isEqualTo(3);
        assertThat(forecast.getLong("months.collect { it.wonLeads }.sum()")).isEqualTo(1);

        given().get("/api/v1/stats/funnel?from=2026-13-01&granularity=hourly").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItems("from",
                        "granularity"));
        given().get("/api/v1/stats/nothing").then().statusCode(404).contentType("application/problem+json");

        // the aggregate rows also reach the compacted stats.* topics
        try (TopicProbe<StatsAggregate> topic = new TopicProbe<>(EmbeddedKafka.shared().bootstrapServers(),
                Topics.STATS_PARTNERS, serdes)) {
            topic.await(r -> r.key().equals("A||" + partnerA) && r.value() != null
                    && r.value().getCounts().getOrDefault("won", 0L) == 1, 1, Duration.ofSeconds(30));
        }

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("leadrelay_sla_breaches_total{kind=\"ASSIGNMENT\""))
                .body(containsString("leadrelay_leads_in_state{state=\"NURTURE\""))
                .body(containsString("leadrelay_lead_first_offer_seconds_bucket"))
                .body(containsString("kafka_stream_"));
    }

    @Test
    void dashboardShowsWhatTheApiSaysAndUpdatesLive() throws Exception {
        assertThat(Files.isExecutable(Path.of(CHROMIUM))).as("Debian's chromium is required for the dashboard "
                + "browser test (" + CHROMIUM + "): apt-get install chromium chromium-driver").isTrue();
        assertThat(Files.isExecutable(Path.of(CHROMEDRIVER))).as("chromedriver is required for the dashboard "
                + "browser test (" + CHROMEDRIVER + "): apt-get install chromium-driver").isTrue();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String campaign = "ui-" + suffix;
        String partnerA = "p-ui-a-" + suffix;
        String partnerB = "p-ui-b-" + suffix;
        Instant t0 = Instant.now().minusSeconds(86_400);
        send(history(campaign, partnerA, partnerB, t0));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> stats("funnel", "campaign=" + campaign).getLong("leads") == 4);

        Path profile = Files.createTempDirectory("leadrelay-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1280,1800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(dashboard + "?campaign=" + campaign);
            JsonPath funnel = stats("funnel", "campaign=" + campaign);
            awaitText(browser, "[data-stat='reached-RECEIVED']", String.valueOf(funnel.getLong("leads")));
            List<Map<String, Object>> conversion = funnel.getList("conversion");
            for (Map<String, Object> c : conversion.subList(0, 5)) {
                assertThat(text(browser, "[data-stat='reached-" + c.get("to") + "']")).as("reached " + c.get("to"))
                        .isEqualTo(String.valueOf(c.get("converted")));
            }
            JsonPath partner = stats("partners", "partner=" + partnerA);
            awaitText(browser, "tr[data-partner='" + partnerA + "'] td[data-field='accepted']",
                    String.valueOf(partner.getLong("partners[0].accepted")));
            assertThat(text(browser, "tr[data-partner='" + partnerA + "'] td[data-field='won']"))
                    .isEqualTo(String.valueOf(partner.getLong("partners[0].won")));
            assertThat(browser.findElement(By.cssSelector("tr[data-partner='" + partnerB + "']")).getAttribute("class"))
                    .as("a partner with an SLA breach is highlighted").contains("breach");
            assertThat(browser.findElement(By.cssSelector("tr[data-partner='" + partnerA + "']")).getAttribute("class"))
                    .doesNotContain("breach");
            JsonPath sources = stats("sources", "campaign=" + campaign);
            assertThat(text(browser, "tr[data-source='web-form|" + campaign + "'] td[data-field='leads']"))
                    .isEqualTo(String.valueOf(sources.getLong("sources[0].leads")));

            // a new lead arrives: the open page changes without a reload
            ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
            send(List.of(event(campaign + "-late", campaign, null, LeadState.RECEIVED, "RULE", "rule:test",
                    Instant.now()).build()));
            awaitText(browser, "[data-stat='reached-RECEIVED']", "5");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"))
                    .as("updated in place, not reloaded").isEqualTo(true);
            assertThat(stats("funnel", "campaign=" + campaign).getLong("leads")).isEqualTo(5);

            Path shot = Path.of("target", "dashboard.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(shot)).isPositive();
        } finally {
            browser.quit();
        }
    }

    private static void awaitText(WebDriver browser, String css, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(text(browser, css)).as(css).isEqualTo(expected));
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

}
