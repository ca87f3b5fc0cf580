package io.leadrelay.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry 3.3.3 as a child process on ephemeral loopback ports, shared by all tests
 * of a module. It runs under a small shell watchdog that stops it when the test JVM dies, even by kill -9,
 * so no registry outlives its build.
 */
public final class EmbeddedRegistry {

    public static final String HOME_PROPERTY = "leadrelay.apicurio.home";
    /** Generous: a busy 2-core build machine has taken over a minute; a quiet one takes about ten seconds. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static EmbeddedRegistry shared;

    private final Process process;
    private final int httpPort;

    private EmbeddedRegistry(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    public static synchronized EmbeddedRegistry shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-registry-stop"));
        }
        return shared;
    }

    public static EmbeddedRegistry start() {
        Path home = home();
        Path java = JdkLocator.javaExecutable(21);
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        Path log = Path.of("target", "apicurio-" + httpPort + ".log").toAbsolutePath();
        String command = String.join(" ", List.of(
                quote(java.toString()),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.rules.global.compatibility=BACKWARD", "-Dapicurio.rules.global.validity=FULL",
                "-jar", quote(home.resolve("quarkus-run.jar").toString())));
        long parent = ProcessHandle.current().pid();
        String watchdog = command + " & child=$!; trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT; "
                + "while kill -0 " + parent + " 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; "
                + "kill $child 2>/dev/null; wait $child";
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("bash", "-c", watchdog)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            EmbeddedRegistry registry = new EmbeddedRegistry(process, httpPort);
            registry.awaitReady(managementPort, log);
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Apicurio Registry from " + home, e);
        }
    }

    private static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("../test-support/target/apicurio"), Path.of("test-support/target/apicurio"));
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p.resolve("quarkus-run.jar")))
                .map(Path::toAbsolutePath)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Apicurio Registry not unpacked at " + candidates
                        + "; build the test-support module first (mvn -pl test-support install)"));
    }

    private void awaitReady(int managementPort, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited during start-up; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("Apicurio Registry not ready within " + STARTUP_TIMEOUT + "; see " + log);
    }

    /** Native v3 API, what Leadrelay's serdes use. */
    public String registryUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** Confluent-compatible API, what Confluent clients elsewhere use. */
    public String confluentUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
