package io.leadrelay.qualification.metrics;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.streams.KafkaStreams;

import io.leadrelay.qualification.config.QualificationConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The Kafka Streams client metrics ({@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}) on
 * /q/metrics, as Quarkus's Kafka binder would publish them (that binder is off in application.properties) but
 * re-scanned every {@code leadrelay.qualification.client-metrics-refresh} instead of every minute.
 */
@ApplicationScoped
public class StreamsClientMetrics {

    private KafkaStreamsMetrics metrics;
    private ScheduledExecutorService refresher;

    synchronized void bind(@Observes KafkaStreams streams, MeterRegistry registry, QualificationConfig config) {
        if (metrics == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "kafka-streams-client-metrics");
                thread.setDaemon(true);
                return thread;
            });
            metrics = new KafkaStreamsMetrics(streams, List.of(), refresher, config.clientMetricsRefresh());
            metrics.bindTo(registry);
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (metrics != null) {
            metrics.close();
            refresher.shutdownNow();
        }
    }
}
