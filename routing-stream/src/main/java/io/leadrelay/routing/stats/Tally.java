package io.leadrelay.routing.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mergeable bag of named counters and duration histograms: one aggregate row, one contribution to a row, or the
 * sum of rows a query reads. Money is counted in EUR cents under names ending in {@code .cents}.
 */
public final class Tally {

    private static final Predicate<String> EVERY_COUNTER = name -> true;

    private HashMap<String, Long> counts = new HashMap<>();
    /** Histogram name → counts by bucket index ({@link Durations}); dense, so rows merge fast. */
    private HashMap<String, long[]> histograms = new HashMap<>();
    /**
     * A row read from a store stays in its stored form ({@link TallySerde}) until its figures are asked for: a query
     * adds the rows it reads straight into its sums, without maps and arrays per row. Decoding every row made a
     * 30-day funnel query allocate ~27 MB, and the young collections that followed were its p99.
     */
    private transient byte[] encoded;

    /** A row as stored, decoded when first used. */
    static Tally encoded(byte[] bytes) {
        Tally t = new Tally();
        t.encoded = bytes;
        return t;
    }

    public Tally add(String name, long delta) {
        decoded();
        if (delta != 0) {
            counts.merge(name, delta, Long::sum);
        }
        return this;
    }

    public Tally addDuration(String name, long millis) {
        decoded();
        int bucket = Durations.bucket(millis);
        buckets(name, bucket + 1)[bucket]++;
        return this;
    }

    public long count(String name) {
        return counts().getOrDefault(name, 0L);
    }

    public long[] histogram(String name) {
        return histograms().getOrDefault(name, new long[0]);
    }

    @JsonProperty("counts")
    public Map<String, Long> counts() {
        decoded();
        return counts;
    }

    @JsonProperty("histograms")
    public Map<String, long[]> histograms() {
        decoded();
        return histograms;
    }

    /**
     * Adds {@code other} into this one; counters that sum to zero disappear, so rows stay small. A stored row stays
     * in stored form ({@link TallySerde#added}): the stream adds each event to rows it only stores again.
     */
    public Tally merge(Tally other) {
        if (encoded != null && other.encoded == null) {
            byte[] sum = TallySerde.added(encoded, other);
            if (sum != null) {
                encoded = sum;
                return this;
            }
        }
        decoded();
        if (other.encoded != null) {
            TallySerde.add(other.encoded, this, EVERY_COUNTER, true);
            return this;
        }
        other.counts.forEach(this::addCount);
        other.histograms.forEach((name, theirs) -> {
            long[] mine = buckets(name, theirs.length);
            for (int i = 0; i < theirs.length; i++) {
                mine[i] += theirs[i];
            }
        });
        return this;
    }

    /** Adds only the counters of {@code other} whose names {@code names} accepts; no histograms. */
    public Tally mergeCounts(Tally other, Predicate<String> names) {
        decoded();
        if (other.encoded != null) {
            TallySerde.add(other.encoded, this, names, false);
            return this;
        }
        other.counts.forEach((name, n) -> {
            if (names.test(name)) {
                addCount(name, n);
            }
        });
        return this;
    }

    public boolean isEmpty() {
        if (encoded != null) {
            return TallySerde.isEmpty(encoded);
        }
        return counts.isEmpty() && histograms.isEmpty();
    }

    /** This row's stored form while it is in it, else null. */
    byte[] storedForm() {
        return encoded;
    }

    /** Adds to a counter of this (decoded) tally, removing it when it sums to zero. */
    void addCount(String name, long delta) {
        long sum = counts.getOrDefault(name, 0L) + delta;
        if (sum == 0) {
            counts.remove(name);
        } else {
            counts.put(name, sum);
        }
    }

    /**
     * The dense buckets of a histogram of this (decoded) tally, created or grown to at least {@code length}. A sum
     * grows by half at least: rows' histograms differ in length, and growing to each next one was a new array per
     * row. The extra zeros are not stored ({@link TallySerde#write}).
     */
    long[] buckets(String name, int length) {
        long[] mine = histograms.get(name);
        if (mine == null) {
            mine = new long[length];
            histograms.put(name, mine);
        } else if (mine.length < length) {
            mine = Arrays.copyOf(mine, Math.max(length, mine.length + mine.length / 2));
            histograms.put(name, mine);
        }
        return mine;
    }

    private void decoded() {
        if (encoded != null) {
            byte[] bytes = encoded;
            encoded = null;
            TallySerde.add(bytes, this, EVERY_COUNTER, true);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tally t) || !counts().equals(t.counts())
                || !histograms().keySet().equals(t.histograms().keySet())) {
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
        return counts().hashCode();
    }

    @Override
    public String toString() {
        return "Tally" + counts() + histograms().keySet();
    }
}
