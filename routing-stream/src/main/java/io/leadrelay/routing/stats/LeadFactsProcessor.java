package io.leadrelay.routing.stats;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.Inbound;
import io.leadrelay.schemas.LifecycleEvent;

/**
 * Lead-keyed half of the aggregates: keeps each lead's {@link LeadFacts} and its open deadline, and forwards the
 * contributions of every lifecycle event, one record per source and per partner (see {@link Contribution}). Undecodable records are skipped here: the lead
 * router already sends them to the dead-letter topic.
 */
final class LeadFactsProcessor implements Processor<String, Inbound, String, Contribution> {

    private final LeadStatsTracker tracker;
    private final StatsSignals signals;
    private ProcessorContext<String, Contribution> context;
    private KeyValueStore<String, LeadFacts> facts;
    private KeyValueStore<String, OverdueLead> deadlines;

    LeadFactsProcessor(LeadStatsTracker tracker, StatsSignals signals) {
        this.tracker = tracker;
        this.signals = signals;
    }

    @Override
    public void init(ProcessorContext<String, Contribution> context) {
        this.context = context;
        this.facts = context.getStateStore(StoreNames.STATS_LEAD_FACTS);
        this.deadlines = context.getStateStore(StoreNames.STATS_DEADLINES);
    }

    @Override
    public void process(Record<String, Inbound> record) {
        Inbound in = record.value();
        if (in.error() != null || !(in.value() instanceof LifecycleEvent event)) {
            return;
        }
        String leadId = record.key();
        LeadFacts known = facts.get(leadId);
        Long deadlineBefore = known == null ? null : known.deadline;
        LeadStatsTracker.Result result = tracker.apply(known, event);
        if (!result.changed()) {
            return;
        }
        LeadFacts f = result.facts();
        facts.put(leadId, f);
        if (deadlineBefore != null) {
            deadlines.delete(deadlineKey(deadlineBefore, leadId));
        }
        if (f.deadline != null) {
            deadlines.put(deadlineKey(f.deadline, leadId), new OverdueLead(leadId, f.state, f.ownerType, f.ownerId,
                    Instant.ofEpochMilli(f.deadline).toString(), RowKeys.decode(f.channel),
                    RowKeys.decode(f.campaign)));
        }
        Map<String, Contribution> byPartition = new TreeMap<>();
        result.contributions().forEach((row, tally) -> byPartition
                .computeIfAbsent(Contribution.routingKey(row), k -> new Contribution()).rows.put(row, tally));
        byPartition.forEach((key, c) -> context.forward(new Record<>(key, c, record.timestamp())));
        result.signals().forEach(signals::on);
    }

    /**
     * Sorts by deadline: a range scan up to now lists the leads past their deadline, earliest first. The key of
     * {@code String.format("%013d|%s", …)}, written out: parsing the format for every event cost more than the key.
     */
    static String deadlineKey(long deadlineMillis, String leadId) {
        String digits = Long.toString(deadlineMillis);
        StringBuilder key = new StringBuilder(14 + leadId.length());
        int width = 13;
        if (deadlineMillis < 0) {
            key.append('-');
            digits = digits.substring(1);
            width--;
        }
        for (int i = digits.length(); i < width; i++) {
            key.append('0');
        }
        return key.append(digits).append('|').append(leadId).toString();
    }
}
