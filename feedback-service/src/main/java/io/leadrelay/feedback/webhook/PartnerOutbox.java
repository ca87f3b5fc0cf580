package io.leadrelay.feedback.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.leadrelay.schemas.PartnerWebhook;

/**
 * One partner's deliveries, strictly in order: the next starts only when the previous was delivered or
 * given up. Nothing here blocks a thread while waiting (async HTTP, scheduled retries), so one slow or
 * dead endpoint only ever delays its own partner.
 */
final class PartnerOutbox {

    private final String partnerId;
    private final WebhookRegistry registry;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Consumer<Delivery> delivered;
    private final BiConsumer<Delivery, String> gaveUp;
    private final Deque<Delivery> queue = new ArrayDeque<>();
    private boolean busy;

    PartnerOutbox(String partnerId, WebhookRegistry registry, HttpClient http, ScheduledExecutorService scheduler,
            Backoff backoff, Duration requestTimeout, Clock clock, Consumer<Delivery> delivered,
            BiConsumer<Delivery, String> gaveUp) {
        this.partnerId = partnerId;
        this.registry = registry;
        this.http = http;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.delivered = delivered;
        this.gaveUp = gaveUp;
    }

    void add(Delivery delivery) {
        synchronized (this) {
            queue.addLast(delivery);
            if (busy) {
                return;
            }
            busy = true;
        }
        scheduler.execute(this::attemptHead);
    }

    private void attemptHead() {
        Delivery head;
        synchronized (this) {
            head = queue.peekFirst();
            if (head == null) {
                busy = false;
                return;
            }
        }
        PartnerWebhook webhook = registry.of(partnerId).orElse(null);
        if (webhook == null) {
            // The partner removed its webhook: nothing to deliver to any more.
            finish(head, null);
            return;
        }
        if (head.firstAttempt == null) {
            head.firstAttempt = clock.instant();
        }
        // Again before every attempt: the name may resolve to another address since it was registered.
        String refused = registry.targetRefusal(webhook.getUrl()).orElse(null);
        if (refused != null) {
            failed(head, "webhook URL " + refused);
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(webhook.getUrl()))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "leadrelay-webhooks/1")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(webhook.getSecret(), head.body))
                    .header(WebhookSignature.DELIVERY_HEADER, head.deliveryId)
                    .header(WebhookSignature.EVENT_HEADER, head.eventType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(head.body))
                    .build();
        } catch (RuntimeException e) {
            failed(head, "invalid webhook URL");
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                finish(head, null);
            } else {
                failed(head, error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode());
            }
        });
    }

    private void failed(Delivery head, String why) {
        head.failedAttempts++;
        head.lastFailure = why;
        if (backoff.givesUp(head.firstAttempt, head.failedAttempts, clock.instant())) {
            finish(head, why);
        } else {
            scheduler.schedule(this::attemptHead, backoff.delayAfter(head.failedAttempts).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(Delivery head, String failure) {
        try {
            if (failure == null) {
                delivered.accept(head);
            } else {
                gaveUp.accept(head, failure);
            }
        } catch (RuntimeException e) {
            // The dead-letter record could not be written: keep the delivery and try that again.
            scheduler.schedule(() -> finish(head, failure), backoff.initial().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            queue.pollFirst();
        }
        scheduler.execute(this::attemptHead);
    }
}
