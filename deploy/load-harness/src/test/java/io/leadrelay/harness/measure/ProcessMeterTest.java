package io.leadrelay.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessMeterTest {

    @Test
    void readsCpuTimeAndPeakRssOfARunningProcessAndSkipsAGoneOne() {
        ProcessMeter meter = new ProcessMeter();
        long self = ProcessHandle.current().pid();
        long sum = 0;
        for (int i = 0; i < 20_000_000; i++) {
            sum += i % 7;
        }
        Map<String, ProcessMeter.Usage> usage = meter.sample(Map.of("self", self, "gone", Long.MAX_VALUE / 2));
        assertThat(sum).isPositive();
        assertThat(usage).containsOnlyKeys("self");
        assertThat(usage.get("self").cpuSeconds()).isPositive();
        assertThat(usage.get("self").peakRssKb()).isGreaterThanOrEqualTo(usage.get("self").rssKb()).isGreaterThan(10_000);
    }
}
