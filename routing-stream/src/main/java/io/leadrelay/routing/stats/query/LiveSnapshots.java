package io.leadrelay.routing.stats.query;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The live page's snapshot (every view as one JSON object) computed once per live tick and request shape, shared by
 * every viewer of that shape: a hundred open dashboards cost one computation per tick, not a hundred. A viewer
 * whose tick comes while another viewer's computation of the same shape runs waits for it and takes its result.
 */
public final class LiveSnapshots {

    private record Snapshot(String json, long computedAt) {
    }

    private final ConcurrentMap<StatsRequest, Snapshot> latest = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long maxAgeMillis;
    private final long forgetAfterMillis;

    /** @param liveInterval how often each viewer asks; a snapshot younger than half of it is reused */
    public LiveSnapshots(Clock clock, Duration liveInterval) {
        this.clock = clock;
        this.maxAgeMillis = Math.max(1, liveInterval.toMillis() / 2);
        this.forgetAfterMillis = Math.max(1, liveInterval.toMillis() * 10);
    }

    /** The shape's current snapshot, computed by {@code compute} only when none is fresh; null when unavailable. */
    public String get(StatsRequest request, Supplier<String> compute) {
        long now = clock.millis();
        // shapes nobody has asked for in a while (viewers gone): dropped so the map stays as small as the audience
        latest.values().removeIf(s -> now - s.computedAt > forgetAfterMillis);
        Snapshot snapshot = latest.compute(request, (k, current) -> current != null
                && now - current.computedAt < maxAgeMillis ? current : new Snapshot(compute.get(), clock.millis()));
        return snapshot.json;
    }
}
