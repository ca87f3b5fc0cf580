package io.leadrelay.ingest.intake;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

/**
 * End offsets of {@code leads.raw} for many waiting requests at once. A request needs end offsets at least as new
 * as the topic was when it arrived, so any lookup that starts after its arrival will do: requests arriving while
 * a lookup is on its way share the next one, which starts as soon as that lookup is answered. At most one lookup
 * is in flight, instead of one per keyed request (64 requests in flight made 64 lookups per round trip, and the
 * admin client's thread alone took 9 % of the service's CPU under load).
 */
final class SharedEndOffsets {

    private final Supplier<CompletableFuture<Map<TopicPartition, Long>>> lookup;
    /** The lookup on its way, or null. */
    private CompletableFuture<Map<TopicPartition, Long>> inFlight;
    /** What requests that arrived during {@link #inFlight} will get: the lookup after it. */
    private CompletableFuture<Map<TopicPartition, Long>> next;

    SharedEndOffsets(Supplier<CompletableFuture<Map<TopicPartition, Long>>> lookup) {
        this.lookup = lookup;
    }

    /** End offsets from a lookup that starts now or later, never from one that started before this call. */
    synchronized CompletableFuture<Map<TopicPartition, Long>> fresh() {
        if (inFlight == null) {
            return startLookup();
        }
        if (next == null) {
            next = new CompletableFuture<>();
        }
        return next;
    }

    private CompletableFuture<Map<TopicPartition, Long>> startLookup() {
        CompletableFuture<Map<TopicPartition, Long>> started = send();
        inFlight = started;
        started.whenComplete((ends, failure) -> answered(started));
        return started;
    }

    private CompletableFuture<Map<TopicPartition, Long>> send() {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void answered(CompletableFuture<Map<TopicPartition, Long>> lookupDone) {
        if (inFlight != lookupDone) {
            return;
        }
        inFlight = null;
        if (next != null) {
            CompletableFuture<Map<TopicPartition, Long>> waiting = next;
            next = null;
            startLookup().whenComplete((ends, failure) -> {
                if (failure != null) {
                    waiting.completeExceptionally(failure);
                } else {
                    waiting.complete(ends);
                }
            });
        }
    }
}
