package io.leadrelay.harness.drive;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.leadrelay.harness.world.PartnerNetwork;

/**
 * Partners that answer their offers and assignments through the partner API, as {@link PartnerBehaviour} plans:
 * each step is one HTTP call with the partner's own token, and every answer goes into the {@link Ledger}. Where
 * offers come from is not this class's business: the assignments topic (what partner systems consume) or inbox
 * polling call {@link #offered}. A step that finds the API down is tried again a few times; one that is answered
 * 404 or 409 ends the plan (the lead was withdrawn, taken by another partner, or reclaimed).
 */
public final class SimulatedPartners {

    /** A partner keeps trying for five minutes: a restart of feedback-service on a busy machine takes two. */
    private static final int ATTEMPTS_WHEN_DOWN = 150;
    private static final Duration WHEN_DOWN = Duration.ofSeconds(2);
    /** Tries (of {@link #WHEN_DOWN} each) a 404 is taken for a view still catching up. */
    private static final int NOT_FOUND_PATIENCE = 30;

    private final StackApi api;
    private final PartnerNetwork network;
    private final Map<String, String> tokens;
    private final PartnerBehaviour behaviour;
    private final Ledger ledger;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Random random;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile Consumer<String> log = line -> { };

    public SimulatedPartners(StackApi api, PartnerNetwork network, Map<String, String> tokens, PartnerBehaviour behaviour,
            Ledger ledger, ScheduledExecutorService scheduler, Clock clock, long seed) {
        this.api = api;
        this.network = network;
        this.tokens = Map.copyOf(tokens);
        this.behaviour = behaviour;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = new Random(seed);
    }

    /** A line for every action and its answer (the demo log). */
    public void log(Consumer<String> log) {
        this.log = log;
    }

    /** The partner learned of a lead offered ({@code offer}) or assigned to it. Repeats are ignored. */
    public void offered(String leadId, String partnerId, boolean offer) {
        String token = tokens.get(partnerId);
        if (token == null || !seen.add(leadId + "|" + partnerId)) {
            return;
        }
        boolean shortSla = network.acceptSla(partnerId).compareTo(Duration.ofMinutes(10)) <= 0;
        List<PartnerBehaviour.Step> plan;
        synchronized (random) {
            plan = behaviour.plan(random, offer, shortSla, LocalDate.now(clock));
        }
        if (plan.isEmpty()) {
            log.accept(partnerId + " lets " + leadId + " lie (accept SLA " + network.acceptSla(partnerId) + ")");
            return;
        }
        inFlight.incrementAndGet();
        schedule(token, leadId, partnerId, plan, 0, ATTEMPTS_WHEN_DOWN);
    }

    /** Plans started and not finished yet. */
    public long busy() {
        return inFlight.get();
    }

    private void schedule(String token, String leadId, String partnerId, List<PartnerBehaviour.Step> plan, int index,
            int attemptsLeft) {
        PartnerBehaviour.Step step = plan.get(index);
        long delay = attemptsLeft < ATTEMPTS_WHEN_DOWN ? WHEN_DOWN.toMillis() : step.delay().toMillis();
        boolean retry = attemptsLeft < ATTEMPTS_WHEN_DOWN;
        scheduler.schedule(() -> api.act(token, leadId, step.action(), step.body()).whenComplete((answer, error) -> {
            // Down: no answer or 5xx. A restarted feedback-service answers 404 until its inbox view caught up again.
            boolean down = error != null || answer.status() >= 500
                    || answer.status() == 404 && attemptsLeft > ATTEMPTS_WHEN_DOWN - NOT_FOUND_PATIENCE;
            if (down && attemptsLeft > 1) {
                schedule(token, leadId, partnerId, plan, index, attemptsLeft - 1);
                return;
            }
            if (retry && error == null && tookEffect(step, answer) && index + 1 < plan.size()) {
                // The earlier try went through and only its answer was lost: go on with the plan.
                schedule(token, leadId, partnerId, plan, index + 1, ATTEMPTS_WHEN_DOWN);
                return;
            }
            if (error == null) {
                ledger.action(new Ledger.PartnerAction(leadId, partnerId, step.action(), answer.status(),
                        answer.requestId(), answer.outcome()));
                log.accept(partnerId + " " + describe(step) + " " + leadId + " -> " + answer.status()
                        + (answer.outcome() == null ? "" : " " + answer.outcome()));
            }
            if (!down && answer.accepted() && index + 1 < plan.size()) {
                schedule(token, leadId, partnerId, plan, index + 1, ATTEMPTS_WHEN_DOWN);
            } else {
                inFlight.decrementAndGet();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** A 409 to a repeated accept or progress whose lead is ACCEPTED for this partner: the first try took effect. */
    private static boolean tookEffect(PartnerBehaviour.Step step, StackApi.ActionAnswer answer) {
        return answer.status() == 409 && (step.action().equals("accept") || step.action().equals("progress"))
                && answer.body().contains("\"state\":\"ACCEPTED\"");
    }

    private static String describe(PartnerBehaviour.Step step) {
        if (step.body() == null) {
            return step.action() + "s";
        }
        Object detail = step.body().getOrDefault("reason", step.body().get("outcome"));
        return step.action() + (detail == null ? "" : " " + detail);
    }
}
