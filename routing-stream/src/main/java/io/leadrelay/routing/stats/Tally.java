package io.leadrelay.routing.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A mergeable bag of named counters and duration histograms: one aggregate row, one contribution to a row, or the
 * sum of rows a query reads. Money is counted in EUR cents under names ending in {@code .cents}.
 */
public final class Tally {

    public HashMap<String, Long> counts = new HashMap<>();
    /** Histogram name → counts by bucket index ({@link Durations}); dense, so rows decode and merge fast. */
    public HashMap<String, long[]> histograms = new HashMap<>();

    public Tally add(String name, long delta) {
        if (delta != 0) {
            counts.merge(name, delta, Long::sum);
        }
        return this;
    }

    public Tally addDuration(String name, long millis) {
        int bucket = Durations.bucket(millis);
        long[] buckets = histograms.get(name);
        if (buckets == null || buckets.length <= bucket) {
            buckets = buckets == null ? new long[bucket + 1] : Arrays.copyOf(buckets, bucket + 1);
            histograms.put(name, buckets);
        }
        buckets[bucket]++;
        return this;
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public long[] histogram(String name) {
        return histograms.getOrDefault(name, new long[0]);
    }

    /** Adds {@code other} into this one; counters that sum to zero disappear, so rows stay small. */
    public Tally merge(Tally other) {
        other.counts.forEach((k, v) -> {
            long sum = counts.getOrDefault(k, 0L) + v;
            if (sum == 0) {
                counts.remove(k);
            } else {
                counts.put(k, sum);
            }
        });
        other.histograms.forEach((name, buckets) -> {
            long[] mine = histograms.get(name);
            if (mine == null || mine.length < buckets.length) {
                mine = mine == null ? new long[buckets.length] : Arrays.copyOf(mine, buckets.length);
                histograms.put(name, mine);
            }
            for (int i = 0; i < buckets.length; i++) {
                mine[i] += buckets[i];
            }
        });
        return this;
    }

    public boolean isEmpty() {
        return counts.isEmpty() && histograms.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tally t) || !counts.equals(t.counts) || !histograms.keySet().equals(t.histograms.keySet())) {
            return false;
        }
        return histograms.entrySet().stream().allMatch(e -> Arrays.equals(trim(e.getValue()),
                trim(t.histograms.get(e.getKey()))));
    }

    private static long[] trim(long[] buckets) {
        int n = buckets.length;
        while (n > 0 && buckets[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(buckets, n);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "Tally" + counts + histograms.keySet();
    }
}
