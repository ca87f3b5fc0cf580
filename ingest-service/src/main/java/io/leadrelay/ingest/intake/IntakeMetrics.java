package io.leadrelay.ingest.intake;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Per-source counters of received, accepted, replayed, rejected and failed leads, and the broker ack latency. */
public final class IntakeMetrics {

    public static final String RECEIVED = "leadrelay.ingest.leads.received";
    public static final String ACCEPTED = "leadrelay.ingest.leads.accepted";
    public static final String REPLAYED = "leadrelay.ingest.leads.replayed";
    public static final String REJECTED = "leadrelay.ingest.leads.rejected";
    public static final String FAILED = "leadrelay.ingest.leads.failed";
    public static final String PARKED = "leadrelay.ingest.leads.parked";
    public static final String ACK_LATENCY = "leadrelay.ingest.ack.latency";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String source) {
        counter(RECEIVED, source).increment();
    }

    public void accepted(String source) {
        counter(ACCEPTED, source).increment();
    }

    public void replayed(String source) {
        counter(REPLAYED, source).increment();
    }

    public void rejected(String source) {
        counter(REJECTED, source).increment();
    }

    public void parked(String source) {
        counter(PARKED, source).increment();
    }

    public void failed(String source) {
        counter(FAILED, source).increment();
    }

    public void ackLatency(String source, Duration latency) {
        timers.computeIfAbsent(source, s -> Timer.builder(ACK_LATENCY)
                .description("Time from send to the broker's acknowledgement of a lead")
                .tag("source", s)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(latency);
    }

    private Counter counter(String name, String source) {
        return counters.computeIfAbsent(name + '|' + source,
                k -> Counter.builder(name).tag("source", source).register(registry));
    }
}
