package io.leadrelay.routing.history;

import java.util.Set;

import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Where a lead query is answered: from this instance's stores, by the instance that owns the lead's partition, or
 * not right now. Kept free of Kafka Streams calls so the forwarding decision is tested without a running stream.
 */
public final class QueryRouting {

    public sealed interface Route {
        record Local(int partition) implements Route {
        }

        record Forward(String hostAndPort) implements Route {
        }

        record Unavailable(String why) implements Route {
        }
    }

    private QueryRouting() {
    }

    /**
     * @param meta the stream metadata of the lead's key, or null
     * @param forwarded the request was forwarded by another instance: answer here, never forward twice
     * @param localPartitions partitions of this instance's active tasks (the lead topics are co-partitioned)
     */
    public static Route decide(KeyQueryMetadata meta, boolean forwarded, Set<Integer> localPartitions) {
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE) {
            return new Route.Unavailable("stream metadata not available yet");
        }
        if (forwarded || localPartitions.contains(meta.partition())) {
            return new Route.Local(meta.partition());
        }
        return new Route.Forward(meta.activeHost().host() + ":" + meta.activeHost().port());
    }
}
