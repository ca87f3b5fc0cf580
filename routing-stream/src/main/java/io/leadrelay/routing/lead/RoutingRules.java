package io.leadrelay.routing.lead;

import io.leadrelay.routing.channel.ChannelRule;
import io.leadrelay.routing.channel.EuroConverter;
import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.partner.AssignmentRule;
import io.leadrelay.routing.partner.PartnerEligibility;
import io.leadrelay.routing.partner.PartnerScorer;
import io.leadrelay.routing.returns.ReturnPolicy;
import io.leadrelay.routing.sla.SlaPolicy;

/** The decision classes the router wires together, built from one set of settings. */
public record RoutingRules(RoutingSettings settings, ChannelRule channelRule, EuroConverter euro,
        PartnerEligibility eligibility, PartnerScorer scorer, AssignmentRule assignmentRule, ReturnPolicy returnPolicy,
        SlaPolicy slaPolicy) {

    public static RoutingRules of(RoutingSettings settings) {
        return new RoutingRules(settings, new ChannelRule(settings.channels()),
                new EuroConverter(settings.channels().eurPerUnit()), new PartnerEligibility(settings.eligibility()),
                new PartnerScorer(settings.scoring()), new AssignmentRule(settings.assignment()),
                new ReturnPolicy(settings.maxAttempts()), new SlaPolicy(settings.sla()));
    }
}
