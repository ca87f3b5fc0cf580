package io.leadrelay.qualification.topology;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.qualification.config.QualificationConfig;
import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;

/**
 * Wires the qualification topology for Quarkus Kafka Streams: registry serdes, configured rules, system clock, the
 * task stores Kafka Streams' {@code dsl.store.suppliers.class} names (RocksDB unless configured otherwise), the
 * company source's dead-letter producer and the counters on /q/metrics.
 */
@ApplicationScoped
public class TopologyProducer {

    /** Kafka Streams' own store setting as Quarkus passes it on; the task stores follow it like DSL stores do. */
    static final String STORE_SUPPLIERS = "kafka-streams." + StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG;

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    KafkaCompanyDeadLetters companyDeadLetters(
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrapServers) {
        return new KafkaCompanyDeadLetters(bootstrapServers);
    }

    void closeCompanyDeadLetters(@Disposes KafkaCompanyDeadLetters deadLetters) {
        deadLetters.close();
    }

    /** Singleton, not a client proxy: Kafka Streams reads the Topology's fields directly. */
    @Produces
    @Singleton
    Topology topology(QualificationConfig config, Clock clock, KafkaCompanyDeadLetters companyDeadLetters,
            MeterRegistry meters, @ConfigProperty(name = "leadrelay.registry.url") String registryUrl,
            @ConfigProperty(name = STORE_SUPPLIERS) Optional<String> storeSuppliers) {
        Map<String, String> streamsConfig = storeSuppliers
                .map(type -> Map.of(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, type)).orElse(Map.of());
        return QualificationTopology.build(new RegistrySerdes(registryUrl), QualificationRules.from(config), clock,
                config.punctuationInterval(), new QualificationTopology.Wiring(
                        QualificationTopology.storesOf(streamsConfig), companyDeadLetters,
                        new QualificationCounters(meters)));
    }
}
