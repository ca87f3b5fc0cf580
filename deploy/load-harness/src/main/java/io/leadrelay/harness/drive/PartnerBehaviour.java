package io.leadrelay.harness.drive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How simulated partners answer an offer or assignment: accept and later close it won or lost (sometimes with a
 * progress report between), return it at once with a reason code, or — a partner whose accept SLA is short — let
 * the deadline pass. Pure: the plan depends only on the random draws.
 *
 * @param accept    share of assignments accepted (the rest is returned, or ignored by a short-SLA partner)
 * @param ignore    share of assignments a short-SLA partner lets expire
 * @param progress  share of accepted leads with a progress report before the close
 * @param won       share of closes that are WON
 * @param pace      how long a partner takes for each step
 */
public record PartnerBehaviour(double accept, double ignore, double progress, double won, Pace pace) {

    /** Delays between an offer and the partner's steps. */
    public record Pace(Duration minThink, Duration maxThink) {

        Duration draw(Random random) {
            long span = maxThink.toMillis() - minThink.toMillis();
            return minThink.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
        }
    }

    /** Benchmark: partners answer at once, most accept and close. */
    public static final PartnerBehaviour LOAD = new PartnerBehaviour(0.75, 0.0, 0.2, 0.5,
            new Pace(Duration.ZERO, Duration.ofMillis(50)));
    /** Chaos run: quick answers, with expiries from the short-SLA partners. */
    public static final PartnerBehaviour CHAOS = new PartnerBehaviour(0.7, 0.3, 0.3, 0.5,
            new Pace(Duration.ZERO, Duration.ofSeconds(2)));
    /** Demo: people take their time. */
    public static final PartnerBehaviour DEMO = new PartnerBehaviour(0.65, 0.5, 0.5, 0.55,
            new Pace(Duration.ofSeconds(5), Duration.ofSeconds(45)));

    /** Return reasons with their weights; OTHER needs a comment, which every return carries anyway. */
    static final Map<String, Integer> RETURN_REASONS = reasons();

    private static Map<String, Integer> reasons() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("PROJECT_MISMATCH", 30);
        weights.put("NO_CAPACITY", 20);
        weights.put("OUT_OF_TERRITORY", 8);
        weights.put("CONFLICT_OF_INTEREST", 5);
        weights.put("NOT_A_LEAD", 12);
        weights.put("NOT_READY", 12);
        weights.put("UNREACHABLE", 8);
        weights.put("OTHER", 5);
        return Map.copyOf(weights);
    }

    private static final String[] LOST_REASONS = {"PRICE", "COMPETITOR", "NO_BUDGET", "PROJECT_CANCELLED"};

    /** One call of the partner API, after {@code delay}. */
    public record Step(String action, Map<String, Object> body, Duration delay) {
    }

    /**
     * The partner's steps for a lead it was offered ({@code offer} true: one of several partners, first accept wins) or
     * assigned; empty when it does nothing (lets the SLA expire). {@code shortSla}: the partner's deadline falls within
     * the run, so ignoring the lead ends in a reclaim rather than an open lead.
     */
    public List<Step> plan(Random random, boolean offer, boolean shortSla, LocalDate today) {
        List<Step> steps = new ArrayList<>();
        if (shortSla && random.nextDouble() < ignore) {
            return steps;
        }
        if (random.nextDouble() >= accept) {
            if (!offer) {
                String reason = weighted(random);
                steps.add(new Step("return", Map.of("reason", reason, "comment", comment(reason)), pace.draw(random)));
            }
            return steps;
        }
        steps.add(new Step("accept", null, pace.draw(random)));
        long value = 10_000L + 1_000L * random.nextInt(190);
        if (random.nextDouble() < progress) {
            steps.add(new Step("progress", Map.of("note", "Demo at the customer's plant done",
                    "expectedCloseDate", today.plusMonths(2).toString(), "value", value), pace.draw(random)));
        }
        if (random.nextDouble() < won) {
            steps.add(new Step("close", Map.of("outcome", "WON", "value", value, "currency", "EUR",
                    "note", "Contract signed"), pace.draw(random)));
        } else {
            steps.add(new Step("close", Map.of("outcome", "LOST", "lostReason", LOST_REASONS[random.nextInt(LOST_REASONS.length)],
                    "note", "Customer decided otherwise"), pace.draw(random)));
        }
        return steps;
    }

    private static String weighted(Random random) {
        int total = RETURN_REASONS.values().stream().mapToInt(Integer::intValue).sum();
        int n = random.nextInt(total);
        for (Map.Entry<String, Integer> entry : new java.util.TreeMap<>(RETURN_REASONS).entrySet()) {
            n -= entry.getValue();
            if (n < 0) {
                return entry.getKey();
            }
        }
        return "OTHER";
    }

    private static String comment(String reason) {
        return switch (reason) {
            case "PROJECT_MISMATCH" -> "Projekt passt nicht zu unserem Portfolio";
            case "NO_CAPACITY" -> "No free sales capacity this quarter";
            case "OUT_OF_TERRITORY" -> "Customer site is outside our region";
            case "CONFLICT_OF_INTEREST" -> "We work this account for a competitor";
            case "NOT_A_LEAD" -> "kein Lead - contact says they never asked";
            case "NOT_READY" -> "Decision postponed by a year";
            case "UNREACHABLE" -> "Three calls, two emails, no answer";
            default -> "Customer wants to buy online only";
        };
    }
}
