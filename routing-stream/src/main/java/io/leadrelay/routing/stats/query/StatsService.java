package io.leadrelay.routing.stats.query;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.KafkaStreams;

import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.stats.StatsConfig;

/** The stats views of this service: interactive queries over every instance, partner names from the directory. */
@ApplicationScoped
public class StatsService {

    @Inject
    KafkaStreams streams;

    @Inject
    StatsConfig config;

    @Inject
    Clock clock;

    @Inject
    PartnerDirectory partnerDirectory;

    private volatile StatsFanOut fanOut;

    /** One live snapshot computation per tick and request shape, shared by the viewers of {@code /live}. */
    @Produces
    @Singleton
    LiveSnapshots liveSnapshots() {
        return new LiveSnapshots(clock, config.liveInterval());
    }

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
                    fanOut = new StatsFanOut(new StreamsLocalStores(streams), new HttpPeers(streams),
                            config.settings(), this::directory);
                }
            }
        }
        return fanOut;
    }

    /** From the global partner store, so every instance has the whole directory. */
    private Map<String, StatsRenderer.PartnerInfo> directory() {
        Map<String, StatsRenderer.PartnerInfo> out = new HashMap<>();
        partnerDirectory.current().all().forEach((id, p) -> out.put(id,
                new StatsRenderer.PartnerInfo(p.getName(), p.getCapacity(), p.getActive())));
        return out;
    }
}
