package io.leadrelay.feedback.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the assignment topic are finished (delivered, dead-lettered or not for a webhook), so
 * only offsets below the oldest unfinished delivery are committed: a restart redelivers, never skips.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, NavigableSet<Long>> unfinished = new HashMap<>();
    private final Map<TopicPartition, Long> nextToRead = new HashMap<>();
    private int pending;

    public synchronized void started(TopicPartition partition, long offset) {
        unfinished.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        nextToRead.merge(partition, offset + 1, Math::max);
        pending++;
    }

    /** An offset that needs no delivery. */
    public synchronized void skipped(TopicPartition partition, long offset) {
        nextToRead.merge(partition, offset + 1, Math::max);
    }

    /**
     * The consumer's position: everything before it was read, including transaction markers, which take an offset
     * but are never handed out as records. Without this the group stays one offset behind each committed transaction.
     */
    public synchronized void readUpTo(TopicPartition partition, long position) {
        nextToRead.merge(partition, position, Math::max);
    }

    public synchronized void finished(TopicPartition partition, long offset) {
        NavigableSet<Long> offsets = unfinished.get(partition);
        if (offsets != null && offsets.remove(offset)) {
            pending--;
        }
    }

    public synchronized int pending() {
        return pending;
    }

    /** Per partition, the offset a restart should continue from. */
    public synchronized Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> result = new HashMap<>();
        nextToRead.forEach((partition, next) -> {
            NavigableSet<Long> offsets = unfinished.get(partition);
            result.put(partition, offsets == null || offsets.isEmpty() ? next : offsets.first());
        });
        return result;
    }

    public synchronized void forget(TopicPartition partition) {
        NavigableSet<Long> offsets = unfinished.remove(partition);
        if (offsets != null) {
            pending -= offsets.size();
        }
        nextToRead.remove(partition);
    }
}
