package io.leadrelay.routing.channel;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.QualifiedLead;

/**
 * Direct sales or partner channel, decided only from the company source's facts (so channels never fight over a
 * lead), unless inside sales pinned a partner or set a channel, which wins and is recorded as such.
 */
public final class ChannelRule {

    private final RoutingSettings.Channels settings;
    private final EuroConverter euro;

    public ChannelRule(RoutingSettings.Channels settings) {
        this.settings = settings;
        this.euro = new EuroConverter(settings.eurPerUnit());
    }

    public ChannelDecision decide(QualifiedLead lead) {
        BigDecimal threshold = settings.directRevenueThresholdEur();
        if (lead.getPinnedPartnerId() != null && !lead.getPinnedPartnerId().isBlank()) {
            return new ChannelDecision(Channel.PARTNER, "CHANNEL_PINNED_PARTNER", false, null, threshold);
        }
        if (lead.getChannelHint() != null) {
            return new ChannelDecision(lead.getChannelHint(), "CHANNEL_HINT", false, null, threshold);
        }
        CompanyFacts company = lead.getCompany();
        if (company != null && company.getDomain() != null
                && settings.namedAccounts().contains(company.getDomain().trim().toLowerCase(Locale.ROOT))) {
            return new ChannelDecision(Channel.DIRECT, "NAMED_ACCOUNT", false, null, threshold);
        }
        if (company == null || !company.getFound() || company.getAnnualRevenue() == null) {
            return new ChannelDecision(settings.unknownRevenueChannel(), "REVENUE_UNKNOWN", true, null, threshold);
        }
        Optional<BigDecimal> revenue = euro.toEur(company.getAnnualRevenue());
        if (revenue.isEmpty()) {
            return new ChannelDecision(settings.unknownRevenueChannel(), "REVENUE_CURRENCY_UNKNOWN", true, null,
                    threshold);
        }
        return revenue.get().compareTo(threshold) >= 0
                ? new ChannelDecision(Channel.DIRECT, "REVENUE_AT_OR_ABOVE_THRESHOLD", false, revenue.get(), threshold)
                : new ChannelDecision(Channel.PARTNER, "REVENUE_BELOW_THRESHOLD", false, revenue.get(), threshold);
    }
}
