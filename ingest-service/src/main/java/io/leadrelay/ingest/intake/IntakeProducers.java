package io.leadrelay.ingest.intake;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.lead.LeadNormaliser;
import io.leadrelay.ingest.lead.NormaliserSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Wires the plain intake classes into CDI from configuration. */
@ApplicationScoped
public class IntakeProducers {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    LeadNormaliser normaliser(IngestConfig config, Clock clock) {
        IngestConfig.Validation validation = config.validation();
        return new LeadNormaliser(new NormaliserSettings(validation.consentRequired(), validation.companyRequired(),
                validation.countryRequired(), Set.copyOf(validation.testEmailDomains()),
                config.limits().maxFieldLength(), config.limits().maxMessageLength()), clock);
    }

    @Produces
    @ApplicationScoped
    RawLeadPublisher publisher(IngestConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "leadrelay.registry.url") String registryUrl) {
        IngestConfig.Producer producer = config.producer();
        return new RawLeadPublisher(new RawLeadPublisher.Settings(bootstrapServers, registryUrl,
                producer.deliveryTimeout(), producer.requestTimeout(), producer.maxBlock(), producer.lingerMs(),
                producer.compression()));
    }

    void closePublisher(@Disposes RawLeadPublisher publisher) {
        publisher.close();
    }

    /** Started with the application, so a restarted instance has re-read the window before it is ready. */
    @Produces
    @ApplicationScoped
    @Startup
    KeyIndex keyIndex(IngestConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            Clock clock) {
        return new KeyIndex(bootstrapServers, config.idempotency().window(), config.idempotency().catchUpTimeout(), clock)
                .start();
    }

    void closeKeyIndex(@Disposes KeyIndex index) {
        index.close();
    }

    @Produces
    @ApplicationScoped
    LeadIntake intake(RawLeadPublisher publisher, KeyIndex keys, MeterRegistry registry, Clock clock) {
        return new LeadIntake(publisher, keys, new IntakeMetrics(registry), clock);
    }
}
