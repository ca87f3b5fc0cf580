package io.leadrelay.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.measure.Arrivals;

class ReportTest {

    private static Figures figures(String name, long arrived, double throughput, double p99) {
        return new Figures(name, arrived, arrived, arrived, throughput * 1.1, throughput,
                new Arrivals.Latency(arrived, p99 / 4, p99 / 2, p99, p99 * 2),
                Map.of("leads.raw", new double[] {arrived, throughput}),
                Map.of("routing-stream", 30.0, "broker", 10.0), Map.of("routing-stream", 250_000L, "broker", 400_000L));
    }

    @Test
    void reportsThroughputLatencyCpuRssAndTheRatioToTheBaselineInMarkdownAndCsv(@TempDir Path dir) throws Exception {
        LoadRun.Options options = new LoadRun.Options(10_000, 0, 1000, 64, 200, 5000, 1, Duration.ofSeconds(60), true);
        String metrics = """
                # HELP kafka_stream_thread_process_ratio The fraction of time the thread spent on processing
                kafka_stream_thread_process_ratio{kafka_version="4.1.2",thread_id="leadrelay-routing-1a2b-StreamThread-1"} 0.25
                kafka_stream_thread_commit_latency_avg{kafka_version="4.1.2",thread_id="leadrelay-routing-1a2b-StreamThread-1"} 42.5
                kafka_stream_task_process_latency_avg{kafka_version="4.1.2",task_id="0_1",thread_id="x-StreamThread-1"} 3.0
                """;
        Report report = new Report(options, figures("leadrelay", 10_000, 400, 900), new Ledger(), new Ledger(),
                figures("baseline", 10_000, 2000, 120), Map.of("routing-stream", metrics), Instant.parse("2026-11-27T10:00:00Z"));

        String md = report.markdown("deploy/local/harness.sh load");
        assertThat(md).contains("| end-to-end per second (first offer/assignment/direct; baseline: after hop 2) | 400 | 2000 | 0.20 |")
                .contains("| latency p99 ms | 900.0 | 120.0 | 7.50 |")
                .contains("| routing-stream | 30.0 | 3.00 | 244 |")
                .contains("| routing-stream | process_ratio | StreamThread-1 | 0.250 |")
                .contains("| routing-stream | commit_latency_avg | StreamThread-1 | 42.500 |")
                .doesNotContain("task_process_latency");
        assertThat(report.csv()).contains("leadrelay,end_to_end_per_s,400.000", "baseline,latency_p99_ms,120.000",
                "leadrelay,ratio_to_baseline,0.200", "leadrelay,peak_rss_mb:broker,390.625");

        List<Path> written = report.write(dir, "cmd");
        assertThat(written).extracting(p -> p.getFileName().toString())
                .contains("load-report.md", "load-report.csv", "load-report-2026-11-27T100000Z.md");
        assertThat(Files.readString(dir.resolve("load-report.csv"))).startsWith("pipeline,metric,value\n");
    }
}
