package io.leadrelay.feedback.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.leadrelay.feedback.auth.ApiTokens;
import io.leadrelay.feedback.partner.PartnerLeads;
import io.leadrelay.feedback.sales.SalesLeads;
import io.leadrelay.feedback.webhook.WebhookDispatcher;
import io.leadrelay.feedback.webhook.WebhookRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts reading the topics the service's views come from, and waits (bounded) until tokens, webhooks
 * and inboxes have caught up before the service takes requests; readiness says when all views are current.
 */
@ApplicationScoped
@Readiness
public class Feeds implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(Feeds.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private volatile BooleanSupplier salesCaughtUp = () -> false;
    /** Tokens, webhooks and inboxes: what every partner and admin request answers from. */
    private volatile List<BooleanSupplier> apiCaughtUp = List.of(() -> false);

    void start(@Observes StartupEvent start, ApiTokens tokens, WebhookRegistry webhooks, PartnerLeads partnerLeads,
            SalesLeads salesLeads, WebhookDispatcher dispatcher) throws InterruptedException {
        var tokenFeed = tokens.follow();
        var webhookFeed = webhooks.follow();
        var assignmentFeed = partnerLeads.follow();
        salesLeads.follow();
        apiCaughtUp = List.of(tokenFeed::caughtUp, webhookFeed::caughtUp, assignmentFeed::caughtUp);
        salesCaughtUp = salesLeads::caughtUp;
        for (TopicFollower<?> feed : List.of(tokenFeed, webhookFeed, assignmentFeed)) {
            if (!feed.awaitCaughtUp(STARTUP_WAIT)) {
                LOG.warn("a feed has not caught up yet; readiness stays down until it has");
            }
        }
        dispatcher.start();
    }

    /** Whether every view, the sales queue included, has read its topic up to date. */
    public boolean caughtUp() {
        return apiCaughtUp() && salesCaughtUp.getAsBoolean();
    }

    /** Whether tokens, webhooks and partner inboxes have read their topics up to date. */
    public boolean apiCaughtUp() {
        return apiCaughtUp.stream().allMatch(BooleanSupplier::getAsBoolean);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("leadrelay-feeds").status(caughtUp()).build();
    }
}
