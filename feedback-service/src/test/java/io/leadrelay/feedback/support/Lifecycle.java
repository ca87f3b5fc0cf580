package io.leadrelay.feedback.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.catalog.Topics;

/** Lifecycle events the qualification and routing streams would write. */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static void write(String leadId, LeadState from, LeadState to, String reason, boolean rejected) {
        TestKafka.write(Topics.LEADS_LIFECYCLE, leadId, LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setLeadId(leadId).setFrom(from).setTo(to).setRejected(rejected).setReason(reason)
                .setReasonText("because " + reason).setActor(new Actor("RULE", "rule:test"))
                .setAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setOwnerType(OwnerType.SALES)
                .setGrade(Grade.B).setDetailsJson("{\"ruleVersion\": \"7\"}").build(), null);
    }
}
