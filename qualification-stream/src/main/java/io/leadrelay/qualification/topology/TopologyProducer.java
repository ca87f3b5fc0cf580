package io.leadrelay.qualification.topology;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.qualification.config.QualificationConfig;
import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.quarkus.arc.DefaultBean;

/** Wires the qualification topology for Quarkus Kafka Streams: registry serdes, configured rules, system clock. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Singleton, not a client proxy: Kafka Streams reads the Topology's fields directly. */
    @Produces
    @Singleton
    Topology topology(QualificationConfig config, Clock clock,
            @ConfigProperty(name = "leadrelay.registry.url") String registryUrl) {
        return QualificationTopology.build(new RegistrySerdes(registryUrl), QualificationRules.from(config), clock,
                config.punctuationInterval());
    }
}
