package io.leadrelay.routing.stats.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.leadrelay.schemas.catalog.Topics;

/** This instance's active store partitions, through interactive queries. */
public final class StreamsLocalStores implements StatsFanOut.LocalStores {

    private final KafkaStreams streams;

    public StreamsLocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<String, ?> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, Object>keyValueStore()).withPartition(partition));
    }

    /** Lead topics and the contributions repartition topic have the same partition count. */
    @Override
    public int partitions() {
        return Topics.LEAD_PARTITIONS;
    }
}
