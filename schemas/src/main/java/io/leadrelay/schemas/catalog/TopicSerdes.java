package io.leadrelay.schemas.catalog;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde of a topic: {@link RegistrySerdes} in services, a registry-free one in topology tests. */
@FunctionalInterface
public interface TopicSerdes {

    <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic);
}
