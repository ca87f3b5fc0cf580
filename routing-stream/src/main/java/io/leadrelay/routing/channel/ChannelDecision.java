package io.leadrelay.routing.channel;

import java.math.BigDecimal;

import io.leadrelay.schemas.Channel;

/**
 * The channel of a lead and why.
 *
 * @param reason machine-readable: CHANNEL_PINNED_PARTNER, CHANNEL_HINT, NAMED_ACCOUNT, REVENUE_AT_OR_ABOVE_THRESHOLD,
 *               REVENUE_BELOW_THRESHOLD, REVENUE_UNKNOWN or REVENUE_CURRENCY_UNKNOWN
 * @param flagged true when the default channel was used because revenue could not be judged
 */
public record ChannelDecision(Channel channel, String reason, boolean flagged, BigDecimal revenueEur,
        BigDecimal thresholdEur) {
}
