package io.leadrelay.routing.kafka;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.routing.config.RoutingConfig;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.stats.StatsConfig;
import io.leadrelay.routing.stats.StatsMetrics;
import io.leadrelay.schemas.catalog.RegistrySerdes;

/** The routing topology (with the dashboard aggregates) for Quarkus Kafka Streams, with registry serdes and the system clock. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The decoded partner directory the topology keeps; the stats views read partner names from it too. */
    @Produces
    @Singleton
    PartnerDirectory partnerDirectory() {
        return new PartnerDirectory();
    }

    @Produces
    @Singleton
    KafkaPartnerDeadLetters partnerDeadLetters(
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrapServers) {
        return new KafkaPartnerDeadLetters(bootstrapServers);
    }

    void closeDeadLetters(@Disposes KafkaPartnerDeadLetters deadLetters) {
        deadLetters.close();
    }

    @Produces
    @Singleton
    Topology topology(RoutingConfig config, StatsConfig statsConfig, StatsMetrics metrics, Clock clock,
            PartnerDirectory partnerDirectory, KafkaPartnerDeadLetters partnerDeadLetters,
            @ConfigProperty(name = "leadrelay.registry.url") String registryUrl) {
        return new RoutingTopology(RoutingRules.of(config.settings()), statsConfig.settings(), metrics,
                partnerDirectory, partnerDeadLetters, new RegistrySerdes(registryUrl), clock, true)
                .build();
    }
}
