package io.leadrelay.routing.stats;

/**
 * Durations kept as a histogram with buckets growing by 10 %: bucket i holds durations of more than 1.1^(i-1) and at
 * most 1.1^i seconds (bucket 0: up to one second). Histograms of different rows and instances merge by adding
 * counts, and a quantile read from one is at most 10 % above the exact one.
 */
public final class Durations {

    public static final double GROWTH = 1.1;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private Durations() {
    }

    public static int bucket(long millis) {
        double seconds = Math.max(0, millis) / 1000.0;
        if (seconds <= 1) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(seconds) / LOG_GROWTH);
        // guard the floating-point edge: the bucket's upper bound must hold the value
        while (upperBoundSeconds(i) < seconds) {
            i++;
        }
        while (i > 1 && upperBoundSeconds(i - 1) >= seconds) {
            i--;
        }
        return i;
    }

    public static double upperBoundSeconds(int bucket) {
        return Math.pow(GROWTH, bucket);
    }

    public static long total(long[] histogram) {
        long n = 0;
        for (long c : histogram) {
            n += c;
        }
        return n;
    }

    /**
     * Nearest-rank quantile in seconds (upper bound of the bucket holding rank ceil(q × n)), or null when empty.
     */
    public static Double quantileSeconds(long[] histogram, double q) {
        long n = total(histogram);
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return Math.round(upperBoundSeconds(i) * 10) / 10.0;
            }
        }
        throw new IllegalStateException("unreachable: rank within total");
    }
}
