package io.leadrelay.routing.stats.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.leadrelay.routing.stats.OverdueLead;
import io.leadrelay.routing.stats.Tally;

/**
 * What one instance read for a query: summed rows by group, the leads past their deadline, and which partitions of
 * each store it read, so the instance that merges can tell whether every partition was answered exactly once.
 */
public final class Partial {

    public TreeMap<String, Tally> groups = new TreeMap<>();
    public List<OverdueLead> overdue = new ArrayList<>();
    public TreeMap<String, TreeSet<Integer>> partitions = new TreeMap<>();

    public void add(String group, Tally tally) {
        groups.computeIfAbsent(group, g -> new Tally()).merge(tally);
    }

    /** Adds only the counters {@code names} accepts (what a series bucket shows). */
    public void addCounts(String group, Tally tally, Predicate<String> names) {
        groups.computeIfAbsent(group, g -> new Tally()).mergeCounts(tally, names);
    }

    /** @return false when a store partition was already answered by another instance (a rebalance in flight) */
    public boolean merge(Partial other) {
        for (Map.Entry<String, TreeSet<Integer>> e : other.partitions.entrySet()) {
            TreeSet<Integer> mine = partitions.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
            for (Integer p : e.getValue()) {
                if (!mine.add(p)) {
                    return false;
                }
            }
        }
        other.groups.forEach(this::add);
        overdue.addAll(other.overdue);
        return true;
    }

    /** Stores (of {@code stores}) with partitions nobody answered for; empty when the answer is complete. */
    public List<String> missing(List<String> stores, int partitionCount) {
        List<String> missing = new ArrayList<>();
        for (String store : stores) {
            TreeSet<Integer> seen = partitions.getOrDefault(store, new TreeSet<>());
            for (int p = 0; p < partitionCount; p++) {
                if (!seen.contains(p)) {
                    missing.add(store + "-" + p);
                }
            }
        }
        return missing;
    }
}
