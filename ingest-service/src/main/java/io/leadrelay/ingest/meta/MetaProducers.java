package io.leadrelay.ingest.meta;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;

/** Wires the Meta Lead Ads intake and its retrier from configuration. */
@ApplicationScoped
public class MetaProducers {

    @Produces
    @ApplicationScoped
    MetaLeads metaLeads(IngestConfig config, LeadReception reception, Clock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        IngestConfig.Meta meta = config.meta();
        GraphApi graph = new GraphApi(meta.graphBaseUrl(), meta.graphApiVersion(), meta.accessToken().orElse(null),
                meta.graphTimeout());
        return new MetaLeads(GraphFetcher.of(graph, meta.fetchBackoff()), reception, new MetaLeads.Settings(
                meta.parkedRetryDelay(), meta.consentText(), meta.defaultCountry().orElse(null)), clock, bootstrapServers,
                config.producer().deliveryTimeout());
    }

    void closeMetaLeads(@Disposes MetaLeads leads) {
        leads.close();
    }

    @Produces
    @ApplicationScoped
    @Startup
    MetaRetrier retrier(MetaLeads leads, IngestConfig config, Clock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return new MetaRetrier(leads, bootstrapServers, config.meta().maxParkings(), clock).start();
    }

    void closeRetrier(@Disposes MetaRetrier retrier) {
        retrier.close();
    }
}
