package io.leadrelay.routing.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualifiedLead;

class ChannelRuleTest {

    private final ChannelRule rule = new ChannelRule(new RoutingSettings.Channels(new BigDecimal("50000000"),
            Set.of("bigcorp.de"), Channel.PARTNER, Map.of("USD", new BigDecimal("0.90"))));

    private static QualifiedLead lead(Money revenue) {
        QualifiedLead lead = Leads.sql("l", Grade.B).build();
        lead.getCompany().setAnnualRevenue(revenue);
        return lead;
    }

    @Test
    void revenueAtOrAboveThresholdIsDirectBelowIsPartner() {
        assertThat(rule.decide(lead(Leads.eur("50000000"))).channel()).isEqualTo(Channel.DIRECT);
        ChannelDecision below = rule.decide(lead(Leads.eur("49999999.99")));
        assertThat(below.channel()).isEqualTo(Channel.PARTNER);
        assertThat(below.reason()).isEqualTo("REVENUE_BELOW_THRESHOLD");
        assertThat(below.flagged()).isFalse();
    }

    @Test
    void foreignCurrencyIsConvertedByTheTableAndUnknownCurrencyIsFlagged() {
        ChannelDecision usd = rule.decide(lead(new Money(new BigDecimal("60000000"), "USD")));
        assertThat(usd.channel()).isEqualTo(Channel.DIRECT);
        assertThat(usd.revenueEur()).isEqualByComparingTo("54000000");
        ChannelDecision jpy = rule.decide(lead(new Money(new BigDecimal("9000000000"), "JPY")));
        assertThat(jpy.channel()).isEqualTo(Channel.PARTNER);
        assertThat(jpy.reason()).isEqualTo("REVENUE_CURRENCY_UNKNOWN");
        assertThat(jpy.flagged()).isTrue();
    }

    @Test
    void unknownRevenueUsesTheConfiguredDefaultAndIsFlagged() {
        QualifiedLead notFound = lead(null);
        notFound.getCompany().setFound(false);
        ChannelDecision d = rule.decide(notFound);
        assertThat(d.channel()).isEqualTo(Channel.PARTNER);
        assertThat(d.flagged()).isTrue();
        ChannelRule directByDefault = new ChannelRule(new RoutingSettings.Channels(new BigDecimal("1"), Set.of(),
                Channel.DIRECT, Map.of()));
        assertThat(directByDefault.decide(notFound).channel()).isEqualTo(Channel.DIRECT);
    }

    @Test
    void namedAccountIsDirectWhateverTheRevenue() {
        QualifiedLead lead = lead(Leads.eur("1000"));
        lead.getCompany().setDomain("BigCorp.de");
        assertThat(rule.decide(lead).reason()).isEqualTo("NAMED_ACCOUNT");
        assertThat(rule.decide(lead).channel()).isEqualTo(Channel.DIRECT);
    }

    @Test
    void insideSalesHintAndPinWinOverTheRule() {
        QualifiedLead hinted = lead(Leads.eur("90000000"));
        hinted.setChannelHint(Channel.PARTNER);
        assertThat(rule.decide(hinted)).satisfies(d -> {
            assertThat(d.channel()).isEqualTo(Channel.PARTNER);
            assertThat(d.reason()).isEqualTo("CHANNEL_HINT");
        });
        QualifiedLead pinned = lead(Leads.eur("90000000"));
        pinned.setPinnedPartnerId("p-1");
        assertThat(rule.decide(pinned).reason()).isEqualTo("CHANNEL_PINNED_PARTNER");
        assertThat(rule.decide(pinned).channel()).isEqualTo(Channel.PARTNER);
    }
}
