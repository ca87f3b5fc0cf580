package io.leadrelay.routing.lead;

import static io.leadrelay.routing.testing.Leads.partner;
import static io.leadrelay.routing.testing.Leads.partnerAction;
import static io.leadrelay.routing.testing.Leads.returned;
import static io.leadrelay.routing.testing.Leads.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.history.LeadView;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.routing.testing.RoutingDriver;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.ReturnReason;

/** The history {@code GET /api/v1/leads/{leadId}} shows, as the router builds it from {@code leads.lifecycle}. */
class LeadHistoryFlowTest {

    private final RoutingDriver d = new RoutingDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void theHistoryShowsEveryLifecycleEventOnceInArrivalOrderWithItsDetails() {
        d.partner(partner("p-gold", PartnerTier.GOLD).build());
        d.lead(sql("lead-1", Grade.A).build());
        d.feedback(partnerAction("lead-1", "p-gold", FeedbackType.ACCEPT, Leads.T0));
        List<LifecycleEvent> routed = d.lifecycleEvents();
        assertThat(routed).hasSize(2);

        d.otherStages.pipeInput("lead-1", routed.get(0));

        LeadView view = d.view("lead-1").orElseThrow();
        assertThat(view.history()).extracting(LeadView.Step::to).containsExactly("ASSIGNED", "ACCEPTED");
        assertThat(view.history().get(0).actor()).isEqualTo("rule:partner-selection");
        assertThat(view.history().get(0).details()).containsKeys("candidates", "ruleVersion");
    }

    @Test
    void afterAnErasureNoEntryKeepsFreeTextOrDecisionDetailsNotEvenOnesArrivingLater() {
        d.partner(partner("p-gold", PartnerTier.GOLD).build());
        d.lead(sql("lead-1", Grade.A).build());
        PartnerReturn notReady = returned("lead-1", "p-gold", ReturnReason.NOT_READY, Leads.T0);
        notReady.setComment("Frau Schmidt ruft 2027 zurück, Tel. 0171 1234567");
        d.returned(notReady);
        assertThat(d.view("lead-1").orElseThrow().history()).extracting(LeadView.Step::reasonText)
                .contains(notReady.getComment());

        d.erasures.pipeInput("lead-1", LeadErasure.newBuilder().setRequestId("erasure-1").setLeadId("lead-1")
                .setAt(Leads.T0).build());
        d.otherStages.pipeInput("lead-1", LifecycleEvent.newBuilder().setEventId("qualification-after-erasure")
                .setLeadId("lead-1").setFrom(LeadState.NURTURE).setTo(LeadState.NURTURE).setRejected(true)
                .setReason("MQL_REJECTED:ERASED").setReasonText("Anfrage von anna@example-gmbh.de")
                .setActor(new Actor("RULE", "rule:mql")).setAt(Leads.T0).setOwnerType(OwnerType.MARKETING)
                .setDetailsJson("{\"email\":\"anna@example-gmbh.de\"}").build());

        List<LeadView.Step> history = d.view("lead-1").orElseThrow().history();
        assertThat(history).extracting(LeadView.Step::reason).containsExactly("ASSIGNED:GRADE_A",
                "RETURNED:NOT_READY", "NOT_READY", "MQL_REJECTED:ERASED");
        assertThat(history).allSatisfy(step -> {
            assertThat(step.reasonText()).isNull();
            assertThat(step.details()).isNull();
        });
    }
}
