package io.leadrelay.qualification.timing;

import java.time.LocalDate;
import java.util.Map;

/**
 * The decision-timing window (CONTRACT.md, handover 1): with a sales cycle of L months sales must get the lead
 * L to L+2 months before the purchase decision. Pure.
 */
public final class DecisionWindow {

    private final int defaultCycleMonths;
    private final int leadMonths;
    private final Map<String, Integer> cycleMonthsByProduct;

    /**
     * @param defaultCycleMonths L when the product interest has no cycle of its own
     * @param leadMonths         how many months before L the window opens (2: window L..L+2)
     * @param cycleMonthsByProduct L per product interest
     */
    public DecisionWindow(int defaultCycleMonths, int leadMonths, Map<String, Integer> cycleMonthsByProduct) {
        this.defaultCycleMonths = defaultCycleMonths;
        this.leadMonths = leadMonths;
        Map<String, Integer> normalised = new java.util.HashMap<>();
        cycleMonthsByProduct.forEach((product, months) -> normalised.put(normalise(product), months));
        this.cycleMonthsByProduct = Map.copyOf(normalised);
    }

    public enum Position {
        /** The window is open, or the decision is nearer than L months: sales gets it now. */
        IN_WINDOW,
        /** The decision is further out than L+2 months: nurture until the due date. */
        TOO_FAR,
        /** The decision date has passed: marketing must re-confirm the timing. */
        PAST
    }

    /**
     * @param opensOn the first day sales should have the lead: decision − (L+2) months (the nurture due date)
     */
    public record Verdict(Position position, int cycleMonths, LocalDate decision, LocalDate opensOn) {

        /** The nurture due date, only where the lead should come back by itself. */
        public LocalDate dueDate() {
            return position == Position.TOO_FAR ? opensOn : null;
        }
    }

    public int cycleMonths(String productInterest) {
        if (productInterest == null) {
            return defaultCycleMonths;
        }
        return cycleMonthsByProduct.getOrDefault(normalise(productInterest), defaultCycleMonths);
    }

    private static String normalise(String product) {
        return product.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public Verdict assess(LocalDate decision, String productInterest, LocalDate today) {
        int cycle = cycleMonths(productInterest);
        LocalDate opensOn = decision.minusMonths(cycle + (long) leadMonths);
        if (decision.isBefore(today)) {
            return new Verdict(Position.PAST, cycle, decision, opensOn);
        }
        return new Verdict(today.isBefore(opensOn) ? Position.TOO_FAR : Position.IN_WINDOW, cycle, decision, opensOn);
    }
}
