package io.leadrelay.routing.stats;

import java.util.TreeMap;

/**
 * Increments for the aggregate rows of one repartition key, sent together: the rows of one source (channel and
 * campaign: funnel and forecast rows at every time level) or of one partner live in one partition, so one record
 * carries all of an event's increments for them.
 */
public final class Contribution {

    /** Store-prefixed row key ({@link RowKeys#FUNNEL} …) → increments. */
    public TreeMap<String, Tally> rows = new TreeMap<>();

    /**
     * The repartition key of a store-prefixed row key: {@code s|channel|campaign} for funnel and forecast rows (their
     * keys end with the source), {@code p|partner} for partner rows (their keys end with the partner).
     */
    public static String routingKey(String prefixedRowKey) {
        int last = prefixedRowKey.lastIndexOf('|');
        if (prefixedRowKey.charAt(0) == RowKeys.PARTNERS) {
            return "p|" + prefixedRowKey.substring(last + 1);
        }
        int before = prefixedRowKey.lastIndexOf('|', last - 1);
        return "s|" + prefixedRowKey.substring(before + 1);
    }
}
