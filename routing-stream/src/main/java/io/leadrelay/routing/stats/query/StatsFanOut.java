package io.leadrelay.routing.stats.query;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.routing.stats.StatsSettings;

/**
 * Answers a stats view over every instance: reads this instance's store partitions, asks every other instance for
 * its partial, merges, and answers only when each store partition was read exactly once (during a rebalance it
 * says so instead of returning a partial figure).
 */
public final class StatsFanOut {

    /** This instance's store partitions. */
    public interface LocalStores {
        /** The store of one partition (active task only); its reads throw InvalidStateStoreException when absent. */
        ReadOnlyKeyValueStore<String, ?> store(String name, int partition);

        int partitions();
    }

    /** The other instances of the application. */
    public interface Peers {
        List<String> others();

        Partial fetch(String hostAndPort, StatsView view, StatsRequest request) throws IOException;
    }

    /** A merged answer, or why there is none right now. */
    public sealed interface Answer {
        record Complete(Map<String, Object> body) implements Answer {
        }

        record Unavailable(String why) implements Answer {
        }
    }

    private final LocalStores local;
    private final Peers peers;
    private final StatsRenderer renderer;
    private final StatsSettings settings;
    private final Supplier<Map<String, StatsRenderer.PartnerInfo>> directory;

    public StatsFanOut(LocalStores local, Peers peers, StatsSettings settings,
            Supplier<Map<String, StatsRenderer.PartnerInfo>> directory) {
        this.local = local;
        this.peers = peers;
        this.settings = settings;
        this.renderer = new StatsRenderer(settings);
        this.directory = directory;
    }

    /** What this instance holds for the view: every local partition that could be read. */
    public Partial local(StatsView view, StatsRequest request, Instant now) {
        Partial partial = new Partial();
        for (int p = 0; p < local.partitions(); p++) {
            Partial one = new Partial();
            try {
                view.read(request, local.store(view.store(), p), one, now, settings.overdueLimit());
            } catch (InvalidStateStoreException e) {
                continue; // not an active partition of this instance, or restoring: another instance answers it
            }
            one.partitions.put(view.store(), new TreeSet<>(List.of(p)));
            partial.merge(one);
        }
        return partial;
    }

    public Answer query(StatsView view, StatsRequest request, Instant now) {
        Partial merged = local(view, request, now);
        for (String peer : peers.others()) {
            Partial remote;
            try {
                remote = peers.fetch(peer, view, request);
            } catch (IOException e) {
                return new Answer.Unavailable("instance " + peer + " did not answer: " + e.getMessage());
            }
            if (!merged.merge(remote)) {
                return new Answer.Unavailable("a partition was answered twice (rebalance in progress)");
            }
        }
        List<String> missing = merged.missing(List.of(view.store()), local.partitions());
        if (!missing.isEmpty()) {
            return new Answer.Unavailable("no instance answered for " + missing + " (starting or rebalancing)");
        }
        return new Answer.Complete(renderer.render(view, merged, request, directory.get()));
    }
}
