package io.leadrelay.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.stats.query.StatsFanOut;
import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.routing.stats.query.StatsService;
import io.leadrelay.routing.stats.query.StatsView;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Latency of every stats query shape through the real HTTP endpoints of a running routing-stream (Quarkus, Kafka
 * Streams with exactly_once_v2 and RocksDB stores restored from changelogs holding 100,000 leads' aggregates, 200
 * partners), and in the same run the same queries through {@link StatsService} without HTTP as the baseline.
 *
 * <p>Not part of the test suite (the name does not match surefire's includes). Run:
 * {@code mvn -o test -Dtest=StatsHttpBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.iterations=300] [-Dbench.leads=100000]}
 */
@QuarkusTest
@WithTestResource(StatsHttpBenchmarkResource.class)
class StatsHttpBenchmark {

    private static final int ITERATIONS = Integer.getInteger("bench.iterations", 300);

    @Inject
    StatsService stats;

    @TestHTTPResource("/api/v1/stats/")
    URL base;

    @Test
    void everyQueryShapeThroughHttpAndWithout() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // restored: every lead of the generated history is counted in the all-time funnel
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "funnel")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).toString()
                    .contains("\"leads\":" + StatsHttpBenchmarkResource.LEADS);
        });
        System.out.printf(Locale.ROOT, "%d iterations per shape (first quarter more as warm-up), load %.2f%n",
                ITERATIONS, loadAverage());
        System.out.printf(Locale.ROOT, "%-50s | %7s %7s %7s %7s | %7s %7s %7s %7s | %6s%n", "query (ms)", "p50",
                "p90", "p99", "max", "http p50", "p90", "p99", "max", "KB");
        for (Map.Entry<String, Object[]> q : shapes().entrySet()) {
            StatsView view = (StatsView) q.getValue()[0];
            StatsRequest request = (StatsRequest) q.getValue()[1];
            URI uri = URI.create(base + view.path() + (String) q.getValue()[2]);
            long[] direct = new long[ITERATIONS];
            long[] overHttp = new long[ITERATIONS];
            int bytes = 0;
            for (int i = -ITERATIONS / 4; i < ITERATIONS; i++) {
                long t = System.nanoTime();
                StatsFanOut.Answer a = stats.query(view, request);
                Json.bytes(((StatsFanOut.Answer.Complete) a).body());
                long d = System.nanoTime() - t;
                t = System.nanoTime();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long h = System.nanoTime() - t;
                assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
                bytes = r.body().length;
                if (i >= 0) {
                    direct[i] = d;
                    overHttp[i] = h;
                }
            }
            System.out.printf(Locale.ROOT, "%-50s | %s | %s | %6.1f%n", q.getKey(), percentiles(direct),
                    percentiles(overHttp), bytes / 1024.0);
        }
        System.out.printf(Locale.ROOT, "load at the end %.2f%n", loadAverage());
    }

    /** The shapes of StatsBenchmark: view, request, and the same request as query parameters. */
    private static Map<String, Object[]> shapes() {
        Map<String, Object[]> q = new LinkedHashMap<>();
        q.put("funnel, all time", new Object[] { StatsView.FUNNEL, StatsRequest.ALL, "" });
        q.put("funnel, 30 days, daily series", new Object[] { StatsView.FUNNEL, new StatsRequest(
                LocalDate.parse("2026-02-10"), LocalDate.parse("2026-03-11"), null, null, null,
                StatsRequest.Granularity.DAY), "?from=2026-02-10&to=2026-03-11&granularity=day" });
        q.put("funnel, 90 days, weekly, one channel", new Object[] { StatsView.FUNNEL, new StatsRequest(
                LocalDate.parse("2026-01-05"), LocalDate.parse("2026-04-04"), "google-ads", null, null,
                StatsRequest.Granularity.WEEK), "?from=2026-01-05&to=2026-04-04&channel=google-ads&granularity=week" });
        q.put("sources, all time", new Object[] { StatsView.SOURCES, StatsRequest.ALL, "" });
        q.put("sources, 2026-01-17..2026-03-14", new Object[] { StatsView.SOURCES, range("2026-01-17", "2026-03-14"),
                "?from=2026-01-17&to=2026-03-14" });
        q.put("partners, all time", new Object[] { StatsView.PARTNERS, StatsRequest.ALL, "" });
        q.put("partners, February", new Object[] { StatsView.PARTNERS, range("2026-02-01", "2026-02-28"),
                "?from=2026-02-01&to=2026-02-28" });
        q.put("partners, 2026-01-17..2026-03-14", new Object[] { StatsView.PARTNERS, range("2026-01-17",
                "2026-03-14"), "?from=2026-01-17&to=2026-03-14" });
        q.put("partners, one partner", new Object[] { StatsView.PARTNERS, new StatsRequest(null, null, null, null,
                "p-17", null), "?partner=p-17" });
        q.put("forecast, all", new Object[] { StatsView.FORECAST, StatsRequest.ALL, "" });
        q.put("overdue (100 oldest)", new Object[] { StatsView.OVERDUE, StatsRequest.ALL, "" });
        return q;
    }

    private static StatsRequest range(String from, String to) {
        return new StatsRequest(LocalDate.parse(from), LocalDate.parse(to), null, null, null, null);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%7.2f %7.2f %7.2f %7.2f", at(sorted, 0.5), at(sorted, 0.9),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.ceil(sorted.length * q) - 1] / 1e6;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
