package io.leadrelay.routing.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Keeps the global partner store: the record as it is on reference.partners, only once it decodes. A global store
 * cannot write to a dead-letter topic, so an undecodable partner record is logged and the previous one kept.
 */
public final class PartnerDirectoryUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(PartnerDirectoryUpdater.class);

    private final Deserializer<PartnerProfile> deserializer;
    private KeyValueStore<String, byte[]> store;

    public PartnerDirectoryUpdater(Deserializer<PartnerProfile> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.PARTNERS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            deserializer.deserialize(Topics.REFERENCE_PARTNERS.name(), record.headers(), record.value());
            store.put(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf(e, "skipping undecodable partner record for %s", record.key());
        }
    }
}
