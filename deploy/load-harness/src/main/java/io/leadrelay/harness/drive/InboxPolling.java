package io.leadrelay.harness.drive;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Partners that look into their inbox ({@code GET /api/v1/partner/leads}) every few seconds, as a person with a
 * browser tab open would, and hand new offers and assignments to the {@link SimulatedPartners}. The HTTP API only.
 */
public final class InboxPolling implements AutoCloseable {

    private final ScheduledFuture<?> task;

    public InboxPolling(StackApi api, Map<String, String> tokens, SimulatedPartners partners,
            ScheduledExecutorService scheduler, long everySeconds) {
        this.task = scheduler.scheduleWithFixedDelay(() -> tokens.forEach((partnerId, token) -> api.inbox(token)
                .thenAccept(items -> items.stream()
                        .filter(item -> "OFFERED".equals(item.state()) || "ASSIGNED".equals(item.state()))
                        .forEach(item -> partners.offered(item.leadId(), partnerId, "OFFERED".equals(item.state()))))
                .exceptionally(error -> null)), 1, everySeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
