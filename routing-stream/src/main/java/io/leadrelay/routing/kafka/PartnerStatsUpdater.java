package io.leadrelay.routing.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.routing.partner.PartnerStats;
import io.leadrelay.routing.partner.PartnerStatsBook;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Learns every partner's load and track record from this stream's own answers on leads.assignments, into a global
 * store so every task sees the whole partner picture, and into the {@link PartnerStatsBook} the routers read as
 * objects. Kafka Streams replays the topic through this processor when it restores the store.
 */
public final class PartnerStatsUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(PartnerStatsUpdater.class);

    private final Deserializer<AssignmentEvent> deserializer;
    private final Duration keep;
    private final PartnerStatsBook book;
    private KeyValueStore<String, byte[]> store;

    public PartnerStatsUpdater(Deserializer<AssignmentEvent> deserializer, Duration keep, PartnerStatsBook book) {
        this.deserializer = deserializer;
        this.keep = keep;
        this.book = book;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.PARTNER_STATS);
        // the store may have been restored from local state without passing records through process()
        Map<String, PartnerStats> restored = new HashMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> restored.put(kv.key, PartnerStatsCodec.read(kv.value)));
        }
        book.replaceAll(restored);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        AssignmentEvent event;
        try {
            event = deserializer.deserialize(Topics.LEADS_ASSIGNMENTS.name(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf(e, "skipping undecodable assignment event for lead %s", record.key());
            return;
        }
        PartnerStats stats = book.get(event.getPartnerId());
        PartnerStats updated = stats.apply(event, keep);
        if (updated != stats) {
            store.put(event.getPartnerId(), PartnerStatsCodec.write(updated));
            book.put(updated);
        }
    }
}
