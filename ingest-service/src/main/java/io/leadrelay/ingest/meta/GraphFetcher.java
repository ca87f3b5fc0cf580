package io.leadrelay.ingest.meta;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fetches a lead with retries. The wait between calls is a timer on a scheduler, not a sleeping request thread,
 * so a Graph API outage does not pin the service's worker threads for the length of every backoff.
 */
public final class GraphFetcher implements AutoCloseable {

    private final Function<String, CompletableFuture<GraphLead>> graph;
    private final Duration firstBackoff;
    private final ScheduledExecutorService scheduler;

    public GraphFetcher(Function<String, CompletableFuture<GraphLead>> graph, Duration firstBackoff,
            ScheduledExecutorService scheduler) {
        this.graph = graph;
        this.firstBackoff = firstBackoff;
        this.scheduler = scheduler;
    }

    /** With a scheduler of its own (one daemon thread that only fires timers), shut down by {@link #close()}. */
    public static GraphFetcher of(GraphApi api, Duration firstBackoff) {
        return new GraphFetcher(api::fetch, firstBackoff, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-graph-backoff");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** The lead, or a future failed with the last {@link GraphApi.FetchFailed} once retrying is over. */
    public CompletableFuture<GraphLead> fetch(String leadgenId, int attempts) {
        CompletableFuture<GraphLead> result = new CompletableFuture<>();
        call(leadgenId, new FetchBackoff(attempts, firstBackoff), 1, result);
        return result;
    }

    private void call(String leadgenId, FetchBackoff backoff, int call, CompletableFuture<GraphLead> result) {
        CompletableFuture<GraphLead> answer;
        try {
            answer = graph.apply(leadgenId);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((lead, error) -> {
            if (error == null) {
                result.complete(lead);
                return;
            }
            GraphApi.FetchFailed failed = asFetchFailed(error);
            Optional<Duration> wait = backoff.next(call, failed.retryable());
            if (wait.isEmpty()) {
                result.completeExceptionally(failed);
                return;
            }
            try {
                scheduler.schedule(() -> call(leadgenId, backoff, call + 1, result), wait.get().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down: the caller parks the lead
                result.completeExceptionally(failed);
            }
        });
    }

    private static GraphApi.FetchFailed asFetchFailed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof GraphApi.FetchFailed failed ? failed
                : new GraphApi.FetchFailed("Graph API call failed: " + cause, true, cause);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
