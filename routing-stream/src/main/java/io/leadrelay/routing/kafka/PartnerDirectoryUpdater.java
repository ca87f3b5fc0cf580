package io.leadrelay.routing.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.routing.lead.LeadRouter;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Keeps the global partner store (the record as it is on reference.partners, only once it decodes) and the decoded
 * {@link PartnerDirectory} the routers read. A record that does not decode is parked on
 * {@code reference.partners.dlq} with {@code DeadLetterHeaders}; the partner's previous record stays in force.
 */
public final class PartnerDirectoryUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(PartnerDirectoryUpdater.class);

    private final Deserializer<PartnerProfile> deserializer;
    private final PartnerDirectory directory;
    private final PartnerDeadLetters deadLetters;
    private final Clock clock;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public PartnerDirectoryUpdater(Deserializer<PartnerProfile> deserializer, PartnerDirectory directory,
            PartnerDeadLetters deadLetters, Clock clock) {
        this.deserializer = deserializer;
        this.directory = directory;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(StoreNames.PARTNERS);
        // the store may have been restored from local state without passing records through process()
        Map<String, PartnerProfile> restored = new HashMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                try {
                    restored.put(kv.key, deserializer.deserialize(Topics.REFERENCE_PARTNERS.name(), kv.value));
                } catch (RuntimeException e) {
                    // it decoded when it was stored; most likely the registry is not reachable right now
                    LOG.errorf(e, "stored partner record %s could not be read; left out until its next update",
                            kv.key);
                }
            });
        }
        directory.replaceAll(restored);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return; // a compacted topic cannot hold it; nothing to key a partner by
        }
        if (record.value() == null) {
            store.delete(record.key());
            directory.remove(record.key());
            return;
        }
        PartnerProfile partner;
        try {
            partner = deserializer.deserialize(Topics.REFERENCE_PARTNERS.name(), record.headers(), record.value());
            if (partner == null || !record.key().equals(partner.getPartnerId())) {
                throw new IllegalArgumentException("partner record keyed " + record.key() + " carries partner id "
                        + (partner == null ? null : partner.getPartnerId()));
            }
        } catch (RuntimeException e) {
            RecordMetadata meta = context.recordMetadata().orElseThrow();
            LOG.errorf(e, "unreadable partner record %s at %s-%d@%d sent to its dead-letter topic", record.key(),
                    meta.topic(), meta.partition(), meta.offset());
            deadLetters.send(record.key(), record.value(), DeadLetterHeaders.describe(record.headers(), e,
                    meta.topic(), meta.partition(), meta.offset(), LeadRouter.SERVICE, clock.instant()));
            return;
        }
        store.put(record.key(), record.value());
        directory.put(partner);
    }
}
