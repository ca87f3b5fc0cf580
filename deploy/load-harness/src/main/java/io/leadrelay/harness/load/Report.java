package io.leadrelay.harness.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadrelay.harness.drive.Ledger;

/** The load benchmark's result as Markdown (for people and docs/benchmarks) and CSV (for tools). */
public record Report(LoadRun.Options options, Figures leadrelay, Ledger ledger, Ledger partnerLedger, Figures baseline,
        Map<String, String> streamsMetrics, Instant finishedAt) {

    /** Kafka Streams thread metrics worth showing: where a stream thread spends its time. */
    private static final Pattern STREAMS_METRIC = Pattern.compile(
            "^kafka_stream_thread_(process_ratio|punctuate_ratio|commit_ratio|poll_ratio|process_latency_avg|"
                    + "commit_latency_avg|poll_latency_avg|punctuate_latency_avg|process_rate|commit_rate|poll_records_avg|"
                    + "process_records_avg)\\{[^}]*thread_id=\"[^\"]*-(StreamThread-\\d+)\"[^}]*\\}\\s+(\\S+)",
            Pattern.MULTILINE);

    public String markdown(String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Leadrelay end-to-end load run\n\n");
        md.append("- finished: ").append(finishedAt).append('\n');
        md.append("- machine: ").append(Machine.describe()).append('\n');
        md.append("- command: `").append(command).append("`\n");
        md.append(String.format(Locale.ROOT, "- leads: %d (after %d warm-up), rate: %s, in flight at most %d, %d partners, %d companies%n%n",
                options.leads(), options.warmup(), options.rate() > 0 ? options.rate() + "/s" : "as fast as possible",
                options.maxInFlight(), options.partners(), options.companies()));

        md.append("## Throughput and latency\n\n");
        md.append("| | Leadrelay | baseline | Leadrelay / baseline |\n| --- | ---: | ---: | ---: |\n");
        row(md, "leads acknowledged", leadrelay.acked(), baseline == null ? null : (double) baseline.acked(), "%.0f");
        row(md, "acknowledged per second (HTTP)", leadrelay.ackRate(), baseline == null ? null : baseline.ackRate(), "%.0f");
        row(md, "end-to-end per second (first offer/assignment/direct; baseline: after hop 2)", leadrelay.throughput(),
                baseline == null ? null : baseline.throughput(), "%.0f");
        row(md, "latency p50 ms (ack → read_committed)", leadrelay.latency().p50Ms(), baseline == null ? null : baseline.latency().p50Ms(), "%.1f");
        row(md, "latency p90 ms", leadrelay.latency().p90Ms(), baseline == null ? null : baseline.latency().p90Ms(), "%.1f");
        row(md, "latency p99 ms", leadrelay.latency().p99Ms(), baseline == null ? null : baseline.latency().p99Ms(), "%.1f");
        row(md, "latency max ms", leadrelay.latency().maxMs(), baseline == null ? null : baseline.latency().maxMs(), "%.1f");
        row(md, "CPU s per 1,000 leads (all measured processes)", leadrelay.cpuPerThousand(leadrelay.totalCpuSeconds()),
                baseline == null ? null : baseline.cpuPerThousand(baseline.totalCpuSeconds()), "%.2f");
        md.append(String.format(Locale.ROOT, "%nLeadrelay: %d of %d leads expected to route reached their first offer, "
                + "assignment or direct handover; %d submissions retried, %d gave up.%n%n", leadrelay.arrived(),
                leadrelay.expected(), ledger.retries(), ledger.gaveUpCount()));

        md.append("## Per stage (records on each topic during the measurement, read_committed)\n\n");
        md.append("| topic | records | records/s |\n| --- | ---: | ---: |\n");
        leadrelay.stageRates().forEach((topic, v) -> md.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.0f |%n", topic, v[0], v[1])));
        long actions = partnerLedger.actionCount();
        long ok = partnerLedger.actions().stream().filter(a -> a.status() / 100 == 2).count();
        md.append(String.format(Locale.ROOT, "| partner actions through the partner API (2xx of all) | %d of %d | |%n%n",
                ok, actions));

        md.append("## Processes\n\n| process | CPU s (measurement) | CPU s / 1,000 leads | peak RSS MB |\n| --- | ---: | ---: | ---: |\n");
        processRows(md, leadrelay);
        if (baseline != null) {
            md.append("\nBaseline run:\n\n| process | CPU s (measurement) | CPU s / 1,000 leads | peak RSS MB |\n| --- | ---: | ---: | ---: |\n");
            processRows(md, baseline);
        }
        String streams = streamsTable();
        if (!streams.isEmpty()) {
            md.append("\n## Kafka Streams thread metrics in the middle of the measurement (from /q/metrics)\n\n")
                    .append("Ratios are the share of the thread's wall time in the last metrics window; latencies in ms.\n\n")
                    .append(streams);
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String what, double ours, Double theirs, String format) {
        md.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, format, ours)).append(" | ")
                .append(theirs == null ? "–" : String.format(Locale.ROOT, format, theirs)).append(" | ")
                .append(theirs == null || theirs == 0 ? "–" : String.format(Locale.ROOT, "%.2f", ours / theirs)).append(" |\n");
    }

    private static void processRows(StringBuilder md, Figures figures) {
        figures.cpuSeconds().forEach((name, cpu) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f |%n",
                name, cpu, figures.cpuPerThousand(cpu), figures.peakRssKb().getOrDefault(name, 0L) / 1024.0)));
    }

    private String streamsTable() {
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, String> entry : streamsMetrics.entrySet()) {
            Matcher m = STREAMS_METRIC.matcher(entry.getValue());
            List<String> rows = new ArrayList<>();
            while (m.find()) {
                rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.3f |", entry.getKey(), m.group(1), m.group(2),
                        Double.parseDouble(m.group(3))));
            }
            if (!rows.isEmpty()) {
                if (table.isEmpty()) {
                    table.append("| service | metric | thread | value |\n| --- | --- | --- | ---: |\n");
                }
                Set<String> unique = new LinkedHashSet<>(rows);
                unique.forEach(r -> table.append(r).append('\n'));
            }
        }
        return table.toString();
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("pipeline,metric,value\n");
        for (Figures f : baseline == null ? List.of(leadrelay) : List.of(leadrelay, baseline)) {
            line(csv, f.name(), "acknowledged", f.acked());
            line(csv, f.name(), "arrived", f.arrived());
            line(csv, f.name(), "expected", f.expected());
            line(csv, f.name(), "ack_per_s", f.ackRate());
            line(csv, f.name(), "end_to_end_per_s", f.throughput());
            line(csv, f.name(), "latency_p50_ms", f.latency().p50Ms());
            line(csv, f.name(), "latency_p90_ms", f.latency().p90Ms());
            line(csv, f.name(), "latency_p99_ms", f.latency().p99Ms());
            line(csv, f.name(), "latency_max_ms", f.latency().maxMs());
            line(csv, f.name(), "cpu_s_per_1000_leads", f.cpuPerThousand(f.totalCpuSeconds()));
            f.stageRates().forEach((topic, v) -> {
                line(csv, f.name(), "records:" + topic, v[0]);
                line(csv, f.name(), "records_per_s:" + topic, v[1]);
            });
            f.cpuSeconds().forEach((name, cpu) -> {
                line(csv, f.name(), "cpu_s:" + name, cpu);
                line(csv, f.name(), "cpu_s_per_1000_leads:" + name, f.cpuPerThousand(cpu));
            });
            f.peakRssKb().forEach((name, kb) -> line(csv, f.name(), "peak_rss_mb:" + name, kb / 1024.0));
        }
        if (baseline != null && baseline.throughput() > 0) {
            line(csv, "leadrelay", "ratio_to_baseline", leadrelay.throughput() / baseline.throughput());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, String pipeline, String metric, double value) {
        csv.append(pipeline).append(',').append(metric).append(',').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    /** Writes {@code load-report.md} and {@code load-report.csv} (and time-stamped copies) into {@code dir}. */
    public List<Path> write(Path dir, String command) throws IOException {
        Files.createDirectories(dir);
        String stamp = finishedAt.toString().replace(":", "").replaceAll("\\..*", "");
        String md = markdown(command);
        String csv = csv();
        List<Path> written = new ArrayList<>();
        for (String name : List.of("load-report", "load-report-" + stamp)) {
            Path mdFile = dir.resolve(name + ".md");
            Path csvFile = dir.resolve(name + ".csv");
            Files.writeString(mdFile, md, StandardCharsets.UTF_8);
            Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
            written.add(mdFile);
            written.add(csvFile);
        }
        return written;
    }
}
