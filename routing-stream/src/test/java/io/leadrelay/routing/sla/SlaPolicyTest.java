package io.leadrelay.routing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.PartnerTier;

class SlaPolicyTest {

    private final SlaPolicy policy = new SlaPolicy(RoutingSettings.defaults().sla());

    @Test
    void acceptDeadlineUsesThePartnersOwnSlaElseTheDefault() {
        var own = Leads.partner("p", PartnerTier.GOLD).setAcceptSla("PT24H").build();
        assertThat(policy.acceptDeadline(own, Leads.T0)).isEqualTo(Leads.T0.plus(Duration.ofHours(24)));
        var none = Leads.partner("p", PartnerTier.GOLD).build();
        assertThat(policy.acceptDeadline(none, Leads.T0)).isEqualTo(Leads.T0.plus(Duration.ofHours(48)));
        var broken = Leads.partner("p", PartnerTier.GOLD).setAcceptSla("two days").build();
        assertThat(policy.acceptSla(broken)).isEqualTo(Duration.ofHours(48));
        var negative = Leads.partner("p", PartnerTier.GOLD).setAcceptSla("-PT1H").build();
        assertThat(policy.acceptSla(negative)).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void progressDeadlineThenReminderThenEscalation() {
        assertThat(policy.progressDeadline(Leads.T0)).isEqualTo(Leads.T0.plus(Duration.ofDays(14)));
        assertThat(policy.onProgressDeadline(false)).isEqualTo(SlaPolicy.ProgressStep.REMIND);
        assertThat(policy.onProgressDeadline(true)).isEqualTo(SlaPolicy.ProgressStep.ESCALATE);
        assertThat(policy.escalationDeadline(Leads.T0)).isEqualTo(Leads.T0.plus(Duration.ofDays(7)));
    }
}
