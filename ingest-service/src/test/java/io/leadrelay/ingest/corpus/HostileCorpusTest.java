package io.leadrelay.ingest.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every case of the hostile-input corpus is answered 4xx with a problem detail, and none publishes anything. */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileCorpusTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Long offsetsBefore;

    @TestHTTPResource("/")
    URL base;

    static Stream<HostileInput> corpus() {
        return HostileCorpus.all().stream();
    }

    @Test
    @Order(0)
    void corpusHasAtLeast300Cases() {
        assertThat(HostileCorpus.all()).hasSizeGreaterThanOrEqualTo(300);
        offsetsBefore = leadsRawEndOffsets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void isRefusedWithAProblemDetail(HostileInput input) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(input.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        input.headers().forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(input.name() + ": " + response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(input.name()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void nothingWasPublished() {
        assertThat(offsetsBefore).as("first test ran").isNotNull();
        assertThat(leadsRawEndOffsets()).isEqualTo(offsetsBefore);
    }

    private static long leadsRawEndOffsets() {
        try (Admin admin = EmbeddedKafka.shared().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < Topics.LEADS_RAW.partitions(); p++) {
                latest.put(new TopicPartition(Topics.LEADS_RAW.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
