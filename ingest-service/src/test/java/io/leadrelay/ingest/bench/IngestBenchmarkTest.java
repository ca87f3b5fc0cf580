package io.leadrelay.ingest.bench;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.config.IngestConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs {@link LoadHarness} against the service started by the test framework, on the real broker and registry.
 * Not part of the normal build (tag "benchmark"); run it with {@code mvn -o test -Pbenchmark}. Figures go to
 * stdout and {@code target/benchmark-ingest.md}.
 */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
@Tag("benchmark")
class IngestBenchmarkTest {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "leadrelay.registry.url")
    String registryUrl;
    @Inject
    IngestConfig config;

    @Test
    void measure() throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int rate = Integer.getInteger("bench.rate", 1_000);
        LoadHarness.Result result = new LoadHarness(base.toString(), bootstrapServers, registryUrl)
                .warmUp(Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5)))
                .baseline(Integer.getInteger("bench.baseline-records", 200_000), config.producer().compression())
                .run(concurrency, Duration.ofSeconds(seconds), rate);
        String report = result.markdown();
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-ingest.md"), report + "\n");
    }
}
