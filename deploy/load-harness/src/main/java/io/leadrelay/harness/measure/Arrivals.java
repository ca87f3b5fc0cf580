package io.leadrelay.harness.measure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * The first arrival of each lead at a point of the pipeline (e.g. its first offer, assignment or direct handover,
 * visible to a read_committed consumer), and the latency from the ingest acknowledgement to it. An arrival seen
 * before the acknowledgement reached the harness waits here for it. Thread-safe.
 */
public final class Arrivals {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);

    private final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, Long> acks = new ConcurrentHashMap<>();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    /** The ingest API acknowledged the lead at {@code nanos}. */
    public void acked(String leadId, long nanos) {
        acks.put(leadId, nanos);
        Long arrival = firstArrival.get(leadId);
        if (arrival != null) {
            record(Math.max(0, arrival - nanos));
        }
    }

    /** The lead arrived at {@code nanos}; only its first arrival counts. */
    public void arrived(String leadId, long nanos) {
        if (firstArrival.putIfAbsent(leadId, nanos) != null) {
            return;
        }
        first.accumulateAndGet(nanos, Math::min);
        last.accumulateAndGet(nanos, Math::max);
        Long ack = acks.get(leadId);
        if (ack != null) {
            record(Math.max(0, nanos - ack));
        }
    }

    private void record(long nanos) {
        synchronized (latencyMicros) {
            latencyMicros.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        }
    }

    public boolean arrived(String leadId) {
        return firstArrival.containsKey(leadId);
    }

    public long count() {
        return firstArrival.size();
    }

    /** How many of these leads arrived, and when the last of them did (for the leads of one measurement only). */
    public Among among(java.util.Collection<String> leadIds) {
        long count = 0;
        long lastArrival = Long.MIN_VALUE;
        for (String leadId : leadIds) {
            Long at = firstArrival.get(leadId);
            if (at != null) {
                count++;
                lastArrival = Math.max(lastArrival, at);
            }
        }
        return new Among(count, lastArrival);
    }

    public record Among(long count, long lastNanos) {
    }

    public long firstNanos() {
        return first.get();
    }

    public long lastNanos() {
        return last.get();
    }

    /** p50, p90, p99, max in milliseconds, and the number of measured leads. */
    public Latency latency() {
        synchronized (latencyMicros) {
            return new Latency(latencyMicros.getTotalCount(), latencyMicros.getValueAtPercentile(50) / 1000.0,
                    latencyMicros.getValueAtPercentile(90) / 1000.0, latencyMicros.getValueAtPercentile(99) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0);
        }
    }

    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    }
}
