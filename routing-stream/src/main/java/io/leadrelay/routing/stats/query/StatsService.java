package io.leadrelay.routing.stats.query;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.routing.kafka.DecodedCache;
import io.leadrelay.routing.kafka.SpecificAvroDeserializer;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.stats.StatsConfig;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.Topics;

/** The stats views of this service: interactive queries over every instance, partner names from the directory. */
@ApplicationScoped
public class StatsService {

    @Inject
    KafkaStreams streams;

    @Inject
    StatsConfig config;

    @Inject
    Clock clock;

    @ConfigProperty(name = "leadrelay.registry.url")
    String registryUrl;

    private volatile StatsFanOut fanOut;
    private DecodedCache<PartnerProfile> partners;

    public StatsFanOut.Answer query(StatsView view, StatsRequest request) {
        return fanOut().query(view, request, clock.instant());
    }

    public Partial local(StatsView view, StatsRequest request) {
        return fanOut().local(view, request, clock.instant());
    }

    private StatsFanOut fanOut() {
        if (fanOut == null) {
            synchronized (this) {
                if (fanOut == null) {
                    SpecificAvroDeserializer<PartnerProfile> deserializer = new SpecificAvroDeserializer<>(registryUrl,
                            PartnerProfile.class);
                    partners = new DecodedCache<>(b -> deserializer.deserialize(Topics.REFERENCE_PARTNERS.name(), b));
                    fanOut = new StatsFanOut(new StreamsLocalStores(streams), new HttpPeers(streams),
                            config.settings(), this::directory);
                }
            }
        }
        return fanOut;
    }

    /** Global store, so every instance has the whole directory; an undecodable entry is left out. */
    private synchronized Map<String, StatsRenderer.PartnerInfo> directory() {
        Map<String, StatsRenderer.PartnerInfo> out = new HashMap<>();
        try (KeyValueIterator<String, byte[]> it = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.PARTNERS, QueryableStoreTypes.<String, byte[]>keyValueStore())).all()) {
            it.forEachRemaining(kv -> {
                try {
                    PartnerProfile p = partners.get(kv.key, kv.value);
                    out.put(kv.key, new StatsRenderer.PartnerInfo(p.getName(), p.getCapacity(), p.getActive()));
                } catch (RuntimeException e) {
                    // a record the directory could not read: shown by id only
                }
            });
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            // directory not restored yet: partners are shown by id only
        }
        return out;
    }
}
