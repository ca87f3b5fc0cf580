package io.leadrelay.feedback.partner;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Partner actions counted per partner, action and outcome (requests per endpoint come from http.server.requests). */
@ApplicationScoped
public class PartnerMetrics {

    private final MeterRegistry registry;

    PartnerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void action(String partnerId, PartnerAction action, String outcome) {
        registry.counter("leadrelay.partner.actions", "partner", partnerId, "action", action.wireName(),
                "outcome", outcome).increment();
    }

    public void inboxRead(String partnerId) {
        registry.counter("leadrelay.partner.inbox.reads", "partner", partnerId).increment();
    }
}
