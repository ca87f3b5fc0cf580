package io.leadrelay.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;

/**
 * {@link LoadHarness} against the packaged service running as a JVM of its own (load generator, broker and
 * registry stay in this JVM). Package first ({@code mvn -o -q package -DskipTests}), then
 * {@code mvn -o test -Pbenchmark -Dbench.test=ServiceProcessBenchmarkTest}. Options: {@code -Dbench.apps=dir1,dir2}
 * (Quarkus app directories measured one after the other in this run, default {@code target/quarkus-app}),
 * {@code -Dbench.jfr=true} (a flight recording per app in {@code target/bench-<n>.jfr}),
 * {@code -Dbench.service-properties=key=value,...} (passed to the service; {@code bench.service-properties.<n>} for the
 * n-th app only), {@code -Dbench.baseline-records=200000}, plus the options of
 * {@link IngestBenchmarkTest}. Figures go to stdout and {@code target/benchmark-ingest-process.md}.
 */
@Tag("benchmark")
class ServiceProcessBenchmarkTest {

    private static final String COMPRESSION = "leadrelay.ingest.producer.compression";

    @Test
    void measure() throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int rate = Integer.getInteger("bench.rate", 1_000);
        boolean jfr = Boolean.getBoolean("bench.jfr");
        List<Path> apps = Arrays.stream(System.getProperty("bench.apps", "target/quarkus-app").split(","))
                .map(String::trim).map(Path::of).toList();
        int baselineRecords = Integer.getInteger("bench.baseline-records", 200_000);

        EmbeddedKafka kafka = EmbeddedKafka.shared();
        EmbeddedRegistry registry = EmbeddedRegistry.shared();
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            Path recording = jfr ? Path.of("target", "bench-" + i + ".jfr") : null;
            String serviceProperties = System.getProperty("bench.service-properties." + i,
                    System.getProperty("bench.service-properties", ""));
            List<String> properties = serviceProperties.isBlank() ? List.of() : Arrays.asList(serviceProperties.split(","));
            // the baseline producer compresses as the service does (its default: none)
            String compression = properties.stream().filter(p -> p.startsWith(COMPRESSION + "=")).findFirst()
                    .map(p -> p.substring(COMPRESSION.length() + 1)).orElse("none");
            try (ServiceProcess service = ServiceProcess.start(apps.get(i), kafka.bootstrapServers(), registry.registryUrl(),
                    recording, properties)) {
                LoadHarness.Result result = new LoadHarness(service.baseUrl(), kafka.bootstrapServers(), registry.registryUrl())
                        .warmUp(Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5)))
                        .baseline(baselineRecords, compression).serviceCpu(service::cpuNanos)
                        .run(concurrency, Duration.ofSeconds(seconds), rate);
                String report = "service " + apps.get(i) + (properties.isEmpty() ? "" : " with " + properties)
                        + " (own JVM" + (jfr ? ", JFR " + recording : "") + ")\n\n" + result.markdown();
                System.out.println(report);
                reports.add(report);
            }
        }
        Files.writeString(Path.of("target", "benchmark-ingest-process.md"), String.join("\n\n", reports) + "\n");
    }
}
