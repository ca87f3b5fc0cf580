package io.leadrelay.ingest.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.Leads;
import io.leadrelay.ingest.RawLeads;
import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.lead.LeadNormaliser;
import io.leadrelay.ingest.lead.Origin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two ingest instances on one broker: the running service (over HTTP) and a second one built from the same classes,
 * started after the first wrote (so it also stands for a restarted instance). A repeated key gets the same lead id
 * on either instance and {@code leads.raw} holds exactly one record for it.
 */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class TwoInstancesIdempotencyTest {

    private static RawLeads raw;

    @Inject
    LeadNormaliser normaliser;
    @Inject
    LeadReception instanceA;
    @Inject
    IngestConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "leadrelay.registry.url")
    String registryUrl;

    @BeforeAll
    static void probe() {
        raw = RawLeads.shared();
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    private String postWithKey(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/leads").then().statusCode(202).extract().path("leadId");
    }

    @Test
    void repeatOnEitherInstanceReturnsSameIdAndWritesOnce() throws Exception {
        String keyFirstOnA = "a-" + UUID.randomUUID();
        String keyFirstOnB = "b-" + UUID.randomUUID();
        String bodyA = Leads.json(Leads.uniqueEmail());
        String bodyB = Leads.json(Leads.uniqueEmail());
        String idFromA = postWithKey(keyFirstOnA, bodyA);

        var producer = config.producer();
        try (RawLeadPublisher publisher = new RawLeadPublisher(new RawLeadPublisher.Settings(bootstrapServers, registryUrl,
                producer.deliveryTimeout(), producer.requestTimeout(), producer.maxBlock(), producer.lingerMs(),
                producer.compression()));
                KeyIndex index = new KeyIndex(bootstrapServers, config.idempotency().window(),
                        config.idempotency().catchUpTimeout(), Clock.systemUTC()).start()) {
            LeadIntake intake = new LeadIntake(publisher, index, new IntakeMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
            LeadReception instanceB = new LeadReception(normaliser, intake, config);

            Receipt repeatOnB = submitOn(instanceB, keyFirstOnA, bodyA);
            assertThat(repeatOnB.leadId()).isEqualTo(idFromA);
            assertThat(repeatOnB.replayed()).isTrue();

            Receipt firstOnB = submitOn(instanceB, keyFirstOnB, bodyB);
            assertThat(firstOnB.replayed()).isFalse();
            String repeatOnA = given().contentType("application/json").header("Idempotency-Key", keyFirstOnB).body(bodyB)
                    .when().post("/api/v1/leads").then().statusCode(202).header("Idempotent-Replayed", "true")
                    .extract().path("leadId");
            assertThat(repeatOnA).isEqualTo(firstOnB.leadId());
        }

        raw.one(idFromA);
        assertThat(raw.count(idFromA)).isEqualTo(1);
        assertThat(raw.count(repeatOnAId(keyFirstOnB))).isEqualTo(1);
    }

    /**
     * The one case the index cannot close: the same new key reaching two instances at the same moment. Both may
     * write, but only ever under the same lead id (same key, so the same partition, in order), which qualification
     * treats as an idempotent resubmission; from then on every repeat is answered on both without writing.
     */
    @Test
    void simultaneousFirstSubmissionsOnTwoInstancesShareOneLeadIdAndLaterRepeatsWriteNothing() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = Leads.json(Leads.uniqueEmail());
        var producer = config.producer();
        try (RawLeadPublisher publisher = new RawLeadPublisher(new RawLeadPublisher.Settings(bootstrapServers, registryUrl,
                producer.deliveryTimeout(), producer.requestTimeout(), producer.maxBlock(), producer.lingerMs(),
                producer.compression()));
                KeyIndex index = new KeyIndex(bootstrapServers, config.idempotency().window(),
                        config.idempotency().catchUpTimeout(), Clock.systemUTC()).start()) {
            LeadReception instanceB = new LeadReception(normaliser,
                    new LeadIntake(publisher, index, new IntakeMetrics(new SimpleMeterRegistry()), Clock.systemUTC()), config);
            String leadId = LeadIds.deterministic("api", key);
            LeadIntake.Submission lead = new LeadIntake.Submission(normaliser.normalise(JsonSubmissions.fromObject(
                    JsonSubmissions.parse(body.getBytes())), Origin.of("api", key)).profile(), "application/json", body);
            // Both instances have caught up (the key is new to both) before either writes: the race at its narrowest.
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                Future<Receipt> onA = clients.submit(() -> {
                    instanceA.intake().prepareForKeys();
                    together.await(30, TimeUnit.SECONDS);
                    return instanceA.intake().submitKeyed("api", leadId, lead).get(60, TimeUnit.SECONDS);
                });
                Future<Receipt> onB = clients.submit(() -> {
                    instanceB.intake().prepareForKeys();
                    together.await(30, TimeUnit.SECONDS);
                    return instanceB.intake().submitKeyed("api", leadId, lead).get(60, TimeUnit.SECONDS);
                });
                Receipt a = onA.get(60, TimeUnit.SECONDS);
                Receipt b = onB.get(60, TimeUnit.SECONDS);
                assertThat(a.leadId()).isEqualTo(b.leadId()).isEqualTo(leadId);
            } finally {
                clients.shutdownNow();
            }
            raw.one(leadId);
            int written = raw.count(leadId);
            assertThat(written).isBetween(1, 2);
            System.out.printf("simultaneous first submissions on two instances wrote %d record(s)%n", written);

            assertThat(submitOn(instanceA, key, body).replayed()).isTrue();
            assertThat(submitOn(instanceB, key, body).replayed()).isTrue();
            assertThat(raw.count(leadId)).isEqualTo(written);
        }
    }

    private static String repeatOnAId(String key) {
        return LeadIds.deterministic("api", key);
    }

    private static Receipt submitOn(LeadReception instance, String key, String body) throws Exception {
        return instance.receive("api", JsonSubmissions.fromObject(JsonSubmissions.parse(body.getBytes())),
                Origin.of("api", key), "application/json", body, "api", key).get();
    }
}
