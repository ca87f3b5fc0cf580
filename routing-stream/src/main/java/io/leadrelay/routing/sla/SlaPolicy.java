package io.leadrelay.routing.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.PartnerProfile;

/** Deadlines: accept by the partner's own SLA (else the default), then progress, reminder and escalation. */
public final class SlaPolicy {

    /** What to do when an accepted lead's progress deadline passes. */
    public enum ProgressStep {
        REMIND, ESCALATE
    }

    private final RoutingSettings.Sla settings;

    public SlaPolicy(RoutingSettings.Sla settings) {
        this.settings = settings;
    }

    /** The partner's accept SLA; a missing, unparsable or non-positive one falls back to the default. */
    public Duration acceptSla(PartnerProfile partner) {
        String sla = partner == null ? null : partner.getAcceptSla();
        if (sla == null || sla.isBlank()) {
            return settings.defaultAcceptSla();
        }
        try {
            Duration parsed = Duration.parse(sla.trim());
            return parsed.isNegative() || parsed.isZero() ? settings.defaultAcceptSla() : parsed;
        } catch (DateTimeParseException e) {
            return settings.defaultAcceptSla();
        }
    }

    public Instant acceptDeadline(PartnerProfile partner, Instant offeredAt) {
        return offeredAt.plus(acceptSla(partner));
    }

    /** Since the accept or the last progress update. */
    public Instant progressDeadline(Instant lastActivity) {
        return lastActivity.plus(settings.progressDeadline());
    }

    public Instant escalationDeadline(Instant remindedAt) {
        return remindedAt.plus(settings.escalationAfterReminder());
    }

    public ProgressStep onProgressDeadline(boolean reminderSent) {
        return reminderSent ? ProgressStep.ESCALATE : ProgressStep.REMIND;
    }
}
