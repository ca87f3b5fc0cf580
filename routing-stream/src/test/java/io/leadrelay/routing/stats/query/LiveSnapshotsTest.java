package io.leadrelay.routing.stats.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.testing.Leads;
import io.leadrelay.testsupport.MutableClock;

class LiveSnapshotsTest {

    private final MutableClock clock = new MutableClock(Leads.T0);
    private final LiveSnapshots snapshots = new LiveSnapshots(clock, Duration.ofSeconds(2));
    private final AtomicInteger computed = new AtomicInteger();

    private String compute() {
        return "snapshot-" + computed.incrementAndGet();
    }

    @Test
    void viewersOfTheSameShapeShareOneComputationPerTick() {
        for (int viewer = 0; viewer < 50; viewer++) {
            assertThat(snapshots.get(StatsRequest.ALL, this::compute)).isEqualTo("snapshot-1");
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(snapshots.get(StatsRequest.ALL, this::compute)).isEqualTo("snapshot-1");
        clock.advance(Duration.ofMillis(1));
        assertThat(snapshots.get(StatsRequest.ALL, this::compute)).isEqualTo("snapshot-2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void eachRequestShapeHasItsOwnSnapshot() {
        StatsRequest oneChannel = new StatsRequest(null, null, "web-form", null, null, null);
        assertThat(snapshots.get(StatsRequest.ALL, this::compute)).isEqualTo("snapshot-1");
        assertThat(snapshots.get(oneChannel, this::compute)).isEqualTo("snapshot-2");
        assertThat(snapshots.get(new StatsRequest(null, null, "web-form", null, null, null), this::compute))
                .isEqualTo("snapshot-2");
    }
}
