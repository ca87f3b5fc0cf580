package io.leadrelay.ingest.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Retries against the Graph API wait on a timer, never on the caller's thread, and give up as configured. */
class GraphFetcherTest {

    private static final GraphLead LEAD = new GraphLead("{}", JsonNodeFactory.instance.objectNode());

    @Test
    void backoffDoublesAndStopsAfterTheLastAttemptOrAtAFailureRetryingCannotFix() {
        FetchBackoff backoff = new FetchBackoff(4, Duration.ofMillis(200));
        assertThat(backoff.next(1, true)).contains(Duration.ofMillis(200));
        assertThat(backoff.next(2, true)).contains(Duration.ofMillis(400));
        assertThat(backoff.next(3, true)).contains(Duration.ofMillis(800));
        assertThat(backoff.next(4, true)).isEmpty();
        assertThat(backoff.next(1, false)).isEqualTo(Optional.empty());
    }

    @Test
    void failedCallsAreRetriedOnATimerWhileTheCallerGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        try (GraphFetcher fetcher = new GraphFetcher(id -> {
            callTimes.add(System.nanoTime());
            return calls.incrementAndGet() < 3
                    ? CompletableFuture.failedFuture(new GraphApi.FetchFailed("HTTP 503", true, null))
                    : CompletableFuture.completedFuture(LEAD);
        }, Duration.ofMillis(300), Executors.newSingleThreadScheduledExecutor())) {
            CompletableFuture<GraphLead> lead = fetcher.fetch("123", 3);
            // the first call failed at once; a caller held for the 300 + 600 ms of backoff would get a finished future
            assertThat(lead).isNotDone();

            assertThat(lead.get(30, TimeUnit.SECONDS)).isSameAs(LEAD);
            assertThat(calls).hasValue(3);
            assertThat(TimeUnit.NANOSECONDS.toMillis(callTimes.get(1) - callTimes.get(0))).isGreaterThanOrEqualTo(300);
            assertThat(TimeUnit.NANOSECONDS.toMillis(callTimes.get(2) - callTimes.get(1))).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void givesUpWithTheLastFailureAfterTheConfiguredAttempts() {
        AtomicInteger calls = new AtomicInteger();
        try (GraphFetcher fetcher = new GraphFetcher(id -> CompletableFuture.failedFuture(
                new GraphApi.FetchFailed("HTTP 500 #" + calls.incrementAndGet(), true, null)),
                Duration.ofMillis(10), Executors.newSingleThreadScheduledExecutor())) {
            assertThatThrownBy(() -> fetcher.fetch("123", 3).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(GraphApi.FetchFailed.class).hasMessage("HTTP 500 #3");
            assertThat(calls).hasValue(3);
        }
    }

    @Test
    void aFailureRetryingCannotFixIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        try (GraphFetcher fetcher = new GraphFetcher(id -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new GraphApi.FetchFailed("no such lead", false, null));
        }, Duration.ofMillis(10), Executors.newSingleThreadScheduledExecutor())) {
            assertThatThrownBy(() -> fetcher.fetch("123", 5).get(30, TimeUnit.SECONDS))
                    .cause().hasMessage("no such lead");
            assertThat(calls).hasValue(1);
        }
    }
}
