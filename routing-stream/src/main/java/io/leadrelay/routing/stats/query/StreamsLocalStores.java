package io.leadrelay.routing.stats.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

import io.leadrelay.schemas.catalog.Topics;

/** This instance's active store partitions, through interactive queries. */
public final class StreamsLocalStores implements StatsFanOut.LocalStores {

    private final KafkaStreams streams;

    public StreamsLocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<String, ?> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, new OneLookup()).withPartition(partition));
    }

    /** Lead topics and the contributions repartition topic have the same partition count. */
    @Override
    public int partitions() {
        return Topics.LEAD_PARTITIONS;
    }

    /**
     * The partition's store, looked up once when asked for. The standard key-value view looks the task up again for
     * every range it reads (about 5 KB of garbage each), and a query with a channel filter reads a range per day
     * and partition. A store closed by a rebalance after the lookup throws InvalidStateStoreException as before.
     */
    private static final class OneLookup implements QueryableStoreType<ReadOnlyKeyValueStore<String, Object>> {

        @Override
        public boolean accepts(StateStore store) {
            return store instanceof ReadOnlyKeyValueStore;
        }

        @Override
        public ReadOnlyKeyValueStore<String, Object> create(StateStoreProvider provider, String storeName) {
            return provider.stores(storeName, this).get(0);
        }
    }
}
