package io.leadrelay.qualification.topology;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.qualification.config.QualificationConfig;
import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;

/**
 * Wires the qualification topology for Quarkus Kafka Streams: registry serdes, configured rules, system clock,
 * RocksDB stores, the company source's dead-letter producer and the counters on /q/metrics.
 */
@ApplicationScoped
public class TopologyProducer {

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
            MeterRegistry meters, @ConfigProperty(name = "leadrelay.registry.url") String registryUrl) {
        return QualificationTopology.build(new RegistrySerdes(registryUrl), QualificationRules.from(config), clock,
                config.punctuationInterval(), new QualificationTopology.Wiring(QualificationTopology.StoreKind.PERSISTENT,
                        companyDeadLetters, new QualificationCounters(meters)));
    }
}
