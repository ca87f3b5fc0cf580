package io.leadrelay.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void latencyIsFromAcknowledgementToFirstArrivalWhateverOrderTheHarnessLearnsThemIn() {
        Arrivals arrivals = new Arrivals();
        long base = 1_000_000_000L;
        for (int i = 0; i < 100; i++) {
            arrivals.acked("a" + i, base);
            arrivals.arrived("a" + i, base + TimeUnit.MILLISECONDS.toNanos(i + 1));
        }
        // The read_committed consumer may see the lead before the HTTP answer reached the driver.
        arrivals.arrived("late-ack", base + TimeUnit.MILLISECONDS.toNanos(500));
        arrivals.acked("late-ack", base);
        arrivals.arrived("a1", base + TimeUnit.SECONDS.toNanos(9)); // a second offer of a1 does not count

        Arrivals.Latency latency = arrivals.latency();
        assertThat(latency.count()).isEqualTo(101);
        assertThat(latency.p50Ms()).isCloseTo(51, within(1.0));
        assertThat(latency.p99Ms()).isCloseTo(100, within(1.0));
        assertThat(latency.maxMs()).isCloseTo(500, within(1.0));
        assertThat(arrivals.count()).isEqualTo(101);
        assertThat(arrivals.arrived("late-ack")).isTrue();
    }
}
