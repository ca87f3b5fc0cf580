package io.leadrelay.harness.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time and memory of the stack's processes, read from {@code /proc}: {@code utime + stime} of
 * {@code /proc/<pid>/stat} (in clock ticks) and {@code VmHWM} (peak resident set) of {@code /proc/<pid>/status}.
 */
public final class ProcessMeter {

    /** One process at one moment. */
    public record Usage(long pid, double cpuSeconds, long peakRssKb, long rssKb) {
    }

    private final double ticksPerSecond;

    public ProcessMeter() {
        this.ticksPerSecond = clockTicks();
    }

    /** Usage of each named process that is running (pid present and readable). */
    public Map<String, Usage> sample(Map<String, Long> pids) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        pids.forEach((name, pid) -> read(pid).ifPresent(u -> usage.put(name, u)));
        return usage;
    }

    public Optional<Usage> read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            long hwm = 0;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                }
            }
            return Optional.of(new Usage(pid, ticks / ticksPerSecond, hwm, rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** {@code getconf CLK_TCK}; 100 on every Linux we run on when it cannot be asked. */
    private static double clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            process.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
