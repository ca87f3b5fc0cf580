package io.leadrelay.harness.world;

/**
 * What share of synthetic leads is meant for which way through the pipeline. Shares are relative weights; the
 * rest of 1.0 goes to {@code partner}.
 *
 * @param direct    companies at or above the direct-sales revenue threshold
 * @param nurture   purchase decision 14 months out: nurtured, not routed
 * @param duplicate the same person again (MERGED into the first lead)
 * @param uncovered share of partner leads placed where no partner sells the product (they go to SALES_REVIEW)
 */
public record LeadMix(double direct, double nurture, double duplicate, double uncovered) {

    /** The load benchmark: almost every lead goes the whole way to a partner or to direct sales. */
    public static final LeadMix LOAD = new LeadMix(0.05, 0.02, 0.01, 0.0);

    /** The chaos run: every way through the pipeline, with enough leads for each. */
    public static final LeadMix CHAOS = new LeadMix(0.08, 0.05, 0.04, 0.03);

    /** The demo: something of everything. */
    public static final LeadMix DEMO = new LeadMix(0.12, 0.12, 0.06, 0.05);

    public LeadMix {
        if (direct < 0 || nurture < 0 || duplicate < 0 || uncovered < 0 || uncovered > 1
                || direct + nurture + duplicate > 1) {
            throw new IllegalArgumentException("shares must be >= 0 and sum to at most 1");
        }
    }
}
