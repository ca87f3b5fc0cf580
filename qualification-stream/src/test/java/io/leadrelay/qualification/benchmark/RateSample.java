package io.leadrelay.qualification.benchmark;

import java.util.Locale;

/**
 * One measured batch as three rates: per wall-clock second, per CPU-second of the threads doing the work (the
 * TopologyTestDriver's calling thread, or a Kafka Streams application's own threads), and per CPU-second of the JVM.
 */
record RateSample(int records, long wallNanos, long cpuNanos, long jvmCpuNanos) {

    double perWallSecond() {
        return records * 1e9 / wallNanos;
    }

    double perCpuSecond() {
        return records * 1e9 / cpuNanos;
    }

    double perJvmCpuSecond() {
        return records * 1e9 / jvmCpuNanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,7.0f/s CPU %,7.0f/s wall %,7.0f/s JVM-CPU (%.1f s wall)", perCpuSecond(),
                perWallSecond(), perJvmCpuSecond(), wallNanos / 1e9);
    }
}
