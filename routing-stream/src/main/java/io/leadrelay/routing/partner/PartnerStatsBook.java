package io.leadrelay.routing.partner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every partner's {@link PartnerStats} as objects, for one Kafka Streams instance: written by the loader of the
 * global partner-stats store (the store stays the source of truth and is what a restart restores from), read by
 * every stream thread without decoding.
 */
public final class PartnerStatsBook {

    private final Map<String, PartnerStats> stats = new ConcurrentHashMap<>();

    /** The partner's stats; empty ones for a partner without any. */
    public PartnerStats get(String partnerId) {
        PartnerStats s = stats.get(partnerId);
        return s == null ? PartnerStats.empty(partnerId) : s;
    }

    public void put(PartnerStats partnerStats) {
        stats.put(partnerStats.partnerId(), partnerStats);
    }

    /** The store's whole content, e.g. after it was restored. */
    public void replaceAll(Map<String, PartnerStats> all) {
        // never empty in between: readers on other threads see the old or the new stats of each partner
        stats.putAll(all);
        stats.keySet().retainAll(all.keySet());
    }
}
