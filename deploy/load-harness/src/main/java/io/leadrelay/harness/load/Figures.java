package io.leadrelay.harness.load;

import java.util.LinkedHashMap;
import java.util.Map;

import io.leadrelay.harness.measure.Arrivals;
import io.leadrelay.harness.measure.ProcessMeter;

/**
 * The measured figures of one pipeline under load (Leadrelay, or the baseline).
 *
 * @param acked          leads the HTTP endpoint acknowledged during the measurement
 * @param arrived        leads that reached their first offer/assignment or direct handover (baseline: the last hop)
 * @param expected       leads that should have arrived
 * @param ackRate        acknowledgements per second (first to last)
 * @param throughput     arrivals per second, from the first acknowledgement to the last arrival
 * @param latency        acknowledgement → arrival visible to a read_committed consumer
 * @param stageRates     records per second on each stage topic (first to last record), with their counts
 * @param cpuSeconds     CPU seconds each process used during the measurement
 * @param peakRssKb      peak resident set of each process (VmHWM, since its start)
 */
public record Figures(String name, long acked, long arrived, long expected, double ackRate, double throughput,
        Arrivals.Latency latency, Map<String, double[]> stageRates, Map<String, Double> cpuSeconds,
        Map<String, Long> peakRssKb) {

    static Map<String, Double> cpuDelta(Map<String, ProcessMeter.Usage> before, Map<String, ProcessMeter.Usage> after) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((name, usage) -> {
            ProcessMeter.Usage start = before.get(name);
            // A process restarted meanwhile has a new pid: count all of its CPU time.
            double base = start != null && start.pid() == usage.pid() ? start.cpuSeconds() : 0;
            delta.put(name, usage.cpuSeconds() - base);
        });
        return delta;
    }

    static Map<String, Long> peaks(Map<String, ProcessMeter.Usage> after) {
        Map<String, Long> peaks = new LinkedHashMap<>();
        after.forEach((name, usage) -> peaks.put(name, usage.peakRssKb()));
        return peaks;
    }

    public double totalCpuSeconds() {
        return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU seconds per 1,000 arrived leads. */
    public double cpuPerThousand(double cpu) {
        return arrived == 0 ? 0 : cpu * 1000.0 / arrived;
    }
}
