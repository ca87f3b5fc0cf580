package io.leadrelay.routing.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.schemas.StatsAggregate;

/**
 * Row-keyed half of the aggregates: adds each contribution to its row (funnel, partners or forecast store) and,
 * every publish interval (wall clock), writes the rows changed since to the stats.* topics; a row that summed to
 * nothing is deleted and tombstoned. Output keys keep the store prefix so the topology can pick the topic.
 */
final class AggregateProcessor implements Processor<String, Contribution, String, StatsAggregate> {

    private final Duration publishInterval;
    private ProcessorContext<String, StatsAggregate> context;
    private KeyValueStore<String, Tally> funnel;
    private KeyValueStore<String, Tally> partners;
    private KeyValueStore<String, Tally> forecast;
    /** Prefixed keys changed since the last publish. In memory: after a restart every row is published again. */
    private final Set<String> dirty = new LinkedHashSet<>();
    /** Set until the first publish after (re)start: rows changed before a crash may not have been published. */
    private boolean republishAll = true;

    AggregateProcessor(Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(ProcessorContext<String, StatsAggregate> context) {
        this.context = context;
        this.funnel = context.getStateStore(StoreNames.STATS_FUNNEL);
        this.partners = context.getStateStore(StoreNames.STATS_PARTNERS);
        this.forecast = context.getStateStore(StoreNames.STATS_FORECAST);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, Contribution> record) {
        record.value().rows.forEach(this::add);
    }

    private void add(String key, Tally increments) {
        KeyValueStore<String, Tally> store = store(key.charAt(0));
        String row = key.substring(1);
        Tally current = store.get(row);
        Tally merged = (current == null ? new Tally() : current).merge(increments);
        if (merged.isEmpty()) {
            store.delete(row);
        } else {
            store.put(row, merged);
        }
        dirty.add(key);
    }

    private void publish(long wallClock) {
        if (republishAll) {
            markAll(RowKeys.FUNNEL, funnel);
            markAll(RowKeys.PARTNERS, partners);
            markAll(RowKeys.FORECAST, forecast);
            republishAll = false;
        }
        Instant now = Instant.ofEpochMilli(wallClock);
        for (String key : dirty) {
            char view = key.charAt(0);
            String row = key.substring(1);
            Tally tally = store(view).get(row);
            StatsAggregate value = tally == null ? null : StatsAggregate.newBuilder().setView(viewName(view))
                    .setKey(row).setCounts(new java.util.HashMap<>(tally.counts()))
                    .setHistograms(histograms(tally)).setUpdatedAt(now).build();
            context.forward(new Record<>(key, value, wallClock));
        }
        dirty.clear();
    }

    private static java.util.Map<String, java.util.Map<String, Long>> histograms(Tally tally) {
        java.util.Map<String, java.util.Map<String, Long>> out = new java.util.HashMap<>();
        tally.histograms().forEach((name, buckets) -> {
            java.util.Map<String, Long> b = new java.util.HashMap<>();
            for (int i = 0; i < buckets.length; i++) {
                if (buckets[i] != 0) {
                    b.put(Integer.toString(i), buckets[i]);
                }
            }
            out.put(name, b);
        });
        return out;
    }

    private void markAll(char view, KeyValueStore<String, Tally> store) {
        try (KeyValueIterator<String, Tally> it = store.all()) {
            it.forEachRemaining(kv -> dirty.add(view + kv.key));
        }
    }

    private KeyValueStore<String, Tally> store(char view) {
        return switch (view) {
            case RowKeys.FUNNEL -> funnel;
            case RowKeys.PARTNERS -> partners;
            case RowKeys.FORECAST -> forecast;
            default -> throw new IllegalArgumentException("unknown aggregate prefix " + view);
        };
    }

    static String viewName(char view) {
        return switch (view) {
            case RowKeys.FUNNEL -> "funnel";
            case RowKeys.PARTNERS -> "partners";
            case RowKeys.FORECAST -> "forecast";
            default -> throw new IllegalArgumentException("unknown aggregate prefix " + view);
        };
    }
}
