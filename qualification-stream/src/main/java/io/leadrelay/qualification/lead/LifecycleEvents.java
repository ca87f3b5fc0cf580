package io.leadrelay.qualification.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;

/** Builds the lifecycle events qualification writes, with what routing's history and the dashboards read. */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /**
     * @param lead    the lead after the change, version already counted (the event id is lead id # version)
     * @param from    state before; null for a lead qualification never saw
     * @param rejected true when a decision was refused: then {@code to} equals {@code from}
     */
    public static LifecycleEvent of(LeadRecord lead, LeadState from, LeadState to, boolean rejected, String reason,
            String reasonText, Actor actor, Instant at, String relatedLeadId, Map<String, Object> details) {
        var profile = lead.profile();
        var facts = profile == null ? null : profile.getFacts();
        return LifecycleEvent.newBuilder()
                .setEventId(lead.leadId() + "#" + lead.version())
                .setLeadId(lead.leadId())
                .setFrom(from)
                .setTo(to)
                .setRejected(rejected)
                .setReason(reason)
                .setReasonText(reasonText)
                .setActor(actor)
                .setAt(at)
                .setOwnerType(ownerOf(to))
                .setDeadline(to == LeadState.NURTURE && lead.dueDate() != null ? startOf(lead.dueDate()) : null)
                .setRelatedLeadId(relatedLeadId)
                .setSourceChannel(lead.sourceChannel())
                .setCampaign(lead.campaign())
                .setGrade(lead.quality() == null ? null : lead.quality().getGrade())
                .setValue(facts == null ? null : facts.getExpectedVolume())
                .setExpectedDecision(facts == null ? null : facts.getPurchaseDecision())
                .setDetailsJson(DetailsJson.write(details))
                .build();
    }

    /** Who owns a lead in a state qualification puts it in. */
    public static OwnerType ownerOf(LeadState state) {
        return switch (state) {
            case MQL, SQL -> OwnerType.SALES;
            case NURTURE -> OwnerType.MARKETING;
            default -> OwnerType.NONE;
        };
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
