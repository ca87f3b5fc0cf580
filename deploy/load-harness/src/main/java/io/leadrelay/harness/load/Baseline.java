package io.leadrelay.harness.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.baseline.BaselineServer;
import io.leadrelay.harness.drive.LeadDriver;
import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.drive.StackApi;
import io.leadrelay.harness.measure.Arrivals;
import io.leadrelay.harness.measure.ProcessMeter;
import io.leadrelay.harness.measure.TopicWatch;
import io.leadrelay.harness.world.LeadFactory;
import io.leadrelay.harness.world.SyntheticLead;

/** Runs {@link BaselineServer} as a process next to the stack and drives the same leads through it. */
final class Baseline {

    private final LocalStack stack;
    private final ProcessMeter meter;
    private final LoadRun.Options options;
    private final PrintStream out;
    private final ScheduledExecutorService scheduler;

    Baseline(LocalStack stack, ProcessMeter meter, LoadRun.Options options, PrintStream out,
            ScheduledExecutorService scheduler) {
        this.stack = stack;
        this.meter = meter;
        this.options = options;
        this.out = out;
        this.scheduler = scheduler;
    }

    Figures run(LeadFactory factory) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = stack.dataDir().resolve("baseline");
        Files.createDirectories(dir);
        Path log = stack.dataDir().resolve("logs").resolve("baseline.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), BaselineServer.class.getName(),
                "--bootstrap", stack.kafkaBootstrap(), "--port", Integer.toString(port), "--state-dir", dir.toString()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(server, log);
            URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/leads");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Ledger ledger = new Ledger();
            Arrivals arrivals = new Arrivals();
            ledger.onAck(arrivals::acked);
            LeadDriver driver = new LeadDriver(lead -> post(http, endpoint, lead), ledger, scheduler,
                    options.maxInFlight(), Duration.ofMinutes(1));
            try (TopicWatch watch = new TopicWatch(stack.kafkaBootstrap(), "baseline", List.of(BaselineServer.OUT),
                    (record, nanos) -> arrivals.arrived(record.key(), nanos)).start()) {
                Map<String, Long> pids = new LinkedHashMap<>();
                stack.pid("broker").ifPresent(pid -> pids.put("broker", pid));
                pids.put("baseline", server.pid());
                pids.put("load-harness", ProcessHandle.current().pid());
                Map<String, ProcessMeter.Usage> before = meter.sample(pids);
                long started = System.nanoTime();
                ScheduledFuture<?> progress = scheduler.scheduleAtFixedRate(() -> out.printf(
                        "[baseline %3d s] acked %d | arrived after two hops %d%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), ledger.ackedCount(), arrivals.count()),
                        5, 5, TimeUnit.SECONDS);
                try {
                    driver.drive(factory, options.leads(), options.rate(), () -> false);
                    long lastChange = System.nanoTime();
                    long seen = arrivals.count();
                    while (arrivals.count() < ledger.ackedCount() && System.nanoTime() - lastChange < options.drain().toNanos()) {
                        Thread.sleep(200);
                        if (arrivals.count() != seen) {
                            seen = arrivals.count();
                            lastChange = System.nanoTime();
                        }
                    }
                } finally {
                    progress.cancel(false);
                }
                Map<String, ProcessMeter.Usage> after = meter.sample(pids);
                Map<String, double[]> stages = new LinkedHashMap<>();
                stages.put(BaselineServer.OUT, new double[] {watch.count(BaselineServer.OUT).records(),
                    watch.count(BaselineServer.OUT).rate()});
                double ackRate = LoadRun.rate(ledger.ackedCount(), ledger.firstAckNanos(), ledger.lastAckNanos());
                double throughput = LoadRun.rate(arrivals.count(), ledger.firstAckNanos(), arrivals.lastNanos());
                Figures figures = new Figures("baseline", ledger.ackedCount(), arrivals.count(), ledger.ackedCount(),
                        ackRate, throughput, arrivals.latency(), stages, Figures.cpuDelta(before, after), Figures.peaks(after));
                out.printf("baseline: %d acknowledged (%.0f/s), %d through both hops (%.0f/s), latency p50 %.0f ms p99 %.0f ms%n",
                        figures.acked(), ackRate, figures.arrived(), throughput, figures.latency().p50Ms(),
                        figures.latency().p99Ms());
                return figures;
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<StackApi.Ack> post(HttpClient http, URI endpoint, SyntheticLead lead) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(lead))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            String body = response.body();
            String id = response.statusCode() == 202 ? body.substring(body.indexOf(":\"") + 2, body.indexOf("\",")) : null;
            return new StackApi.Ack(response.statusCode(), id, body);
        });
    }

    private static String json(SyntheticLead lead) {
        try {
            return StackApi.JSON.writeValueAsString(lead.fields());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains(BaselineServer.READY)) {
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the baseline server exited:\n" + text);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the baseline server was not ready within 2 minutes; log: " + log);
    }
}
