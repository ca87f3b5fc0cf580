package io.leadrelay.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.leadrelay.testsupport.FreePorts;

/**
 * The packaged service ({@code target/quarkus-app}) as a JVM of its own, so the load generator does not share the
 * service's JVM (its heap, JIT and safepoints) and a profile of the service shows only the service.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private ServiceProcess(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Starts the service of {@code app} (a Quarkus fast-jar directory) and waits until it is ready.
     *
     * @param jfr a recording file, or null for no profiling
     */
    static ServiceProcess start(Path app, String bootstrapServers, String registryUrl, Path jfr, List<String> extraProperties)
            throws IOException, InterruptedException {
        int port = FreePorts.next();
        Path log = Path.of("target", "bench-service-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        command.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
        command.add("-Dleadrelay.registry.url=" + registryUrl);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.log.level=INFO");
        extraProperties.forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, "http://127.0.0.1:" + port, log);
        try {
            service.awaitReady(Duration.ofSeconds(120));
        } catch (IOException | InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    String baseUrl() {
        return baseUrl;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /** CPU time the service process has used so far (all its threads), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** SIGTERM, so a flight recording is written on exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
