package io.leadrelay.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.Harness;
import io.leadrelay.harness.poison.PoisonPills;

/**
 * The reduced chaos run of issue 9, in mvn verify: the whole stack as processes (run.sh --restart), 2,000 leads
 * through the ingest API with simulated partners answering through the partner API, every service and the broker
 * killed with SIGKILL once and restarted, poison pills in every input topic; then the verdict read from the topics.
 * The full run (20,000 leads) is {@code deploy/local/harness.sh chaos}.
 */
class ChaosIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final List<String> SERVICES = List.of("ingest-service", "qualification-stream", "routing-stream",
            "feedback-service");

    @Test
    void killingEveryProcessOnceLosesAndDuplicatesNothingAndPoisonPillsAreParked() throws Exception {
        // A missing build must fail this test, never skip it.
        Path services = Path.of(System.getenv().getOrDefault("LEADRELAY_SERVICES_HOME", ROOT.toString()));
        assertThat(ROOT.resolve("deploy/broker/target/broker.classpath")).exists();
        assertThat(ROOT.resolve("deploy/registry/target/apicurio/quarkus-run.jar")).exists();
        for (String module : SERVICES) {
            assertThat(services.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as(module + " must be packaged before this test").exists();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(System.out, buffer), true, StandardCharsets.UTF_8);
        Path data = Path.of(System.getProperty("user.dir")).resolve("target/chaos-it").toAbsolutePath();

        ChaosRun.Result result;
        try (LocalStack stack = Harness.freshStack(ROOT, data, true, ChaosRun.serviceOptions()).start()) {
            ChaosRun.Options options = new ChaosRun.Options(2_000, 25, 40, 600, 20261127L, Duration.ofSeconds(15),
                    Duration.ofSeconds(1), Duration.ofMinutes(3));
            result = new ChaosRun(stack, options, out).run();
        }
        Files.writeString(data.resolve("chaos-it.log"), buffer.toString(StandardCharsets.UTF_8));

        assertThat(result.kills()).as("every victim killed once and back").hasSize(ChaosRun.VICTIMS.size());
        Verdict verdict = result.verdict();
        assertThat(verdict.acknowledged()).isEqualTo(2_000);
        assertThat(verdict.lost()).as(verdict.summary()).isZero();
        assertThat(verdict.duplicated()).as(verdict.summary()).isZero();
        assertThat(verdict.stuck()).as(verdict.summary()).isZero();
        assertThat(verdict.brokenHistory()).as(verdict.summary()).isZero();
        assertThat(verdict.foreign()).as(verdict.summary()).isZero();
        assertThat(verdict.overdue()).as(verdict.summary()).isZero();
        assertThat(verdict.actionsLost() + verdict.actionsTwice()).as(verdict.summary()).isZero();
        assertThat(verdict.terminal() + verdict.open()).isEqualTo(verdict.acknowledged());
        assertThat(verdict.terminal()).as("some leads went all the way (customer, direct, disqualified, merged)").isPositive();
        assertThat(verdict.actions()).as("partners acted through the API").isGreaterThan(500);
        assertThat(verdict.passed()).isTrue();

        for (PoisonPills.Outcome outcome : result.poison()) {
            assertThat(outcome.parked()).as(outcome.pill() + " on its dead-letter topic with error headers").isTrue();
            assertThat(outcome.service()).isNotBlank();
            assertThat(outcome.exception()).isNotBlank();
        }
        assertThat(result.passed()).isTrue();
    }

    /** Writes to the console and keeps a copy for the log file. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws java.io.IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
