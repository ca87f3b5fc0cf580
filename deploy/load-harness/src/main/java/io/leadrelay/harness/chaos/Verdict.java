package io.leadrelay.harness.chaos;

import java.util.List;
import java.util.Locale;

/**
 * What the topics say about every lead the ingest API acknowledged, after the chaos. {@link #passed()} is false on
 * any loss, duplicate, stuck lead, broken history, lead a partner should not have seen, overdue deadline, partner
 * action that did not take effect exactly once, or partner token that stopped working.
 *
 * @param acknowledged   leads the ingest API answered 202 for
 * @param terminal       in a final state (CUSTOMER, DIRECT, DISQUALIFIED, MERGED, ERASED)
 * @param open           waiting for a person or a date (OFFERED, ASSIGNED, ACCEPTED, MQL, NURTURE, SALES_REVIEW)
 * @param stuck          in a state the pipeline should have left by itself (RECEIVED, SQL, RETURNED, EXPIRED, WON, LOST)
 * @param lost           acknowledged but not on {@code leads.raw}, or without a single lifecycle event
 * @param duplicated     a lifecycle event twice (same event id, or the same merge of another lead), an offer/assignment
 *                       twice for the same attempt, two assignments in one attempt, or two lead ids for one idempotency
 *                       key (a transition repeated shows as a broken history)
 * @param brokenHistory  a lifecycle event whose {@code from} is not the previous event's {@code to}
 * @param foreign        an offer/assignment to a partner outside the lead's territory or product, inactive, or already tried
 * @param overdue        an open offer/assignment more than one timer interval past its deadline
 * @param actions        partner actions answered 2xx
 * @param actionsLost    2xx actions that never reached their topic or were never answered by routing
 * @param actionsTwice   2xx actions written or answered more than once
 * @param credentialsRefused partner actions answered 401 or 403: the simulated partners' tokens are issued once before
 *                       the chaos, so a refusal means feedback-service lost a token across a restart
 * @param rawRewrites    acknowledged leads written to {@code leads.raw} more than once (a retry after a crash; harmless
 *                       as long as nothing downstream happened twice — then {@code duplicated} counts it)
 * @param staleAnnotations events that keep the state (progress, a merged duplicate) but name another state than the
 *                       lead's current one: written from an outdated view; reported, not failed (the lead itself is
 *                       where it should be)
 * @param states         acknowledged leads per current state
 * @param examples       a few examples of each problem, for the report
 */
public record Verdict(long acknowledged, long terminal, long open, long stuck, long lost, long duplicated,
        long brokenHistory, long foreign, long overdue, long actions, long actionsLost, long actionsTwice,
        long credentialsRefused, long rawRewrites, long staleAnnotations, java.util.Map<String, Long> states, List<String> examples) {

    public boolean passed() {
        return lost == 0 && duplicated == 0 && stuck == 0 && brokenHistory == 0 && foreign == 0 && overdue == 0
                && actionsLost == 0 && actionsTwice == 0 && credentialsRefused == 0 && acknowledged > 0;
    }

    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "VERDICT %s: acknowledged %d, terminal %d, open %d, stuck %d, lost %d, duplicated %d, broken histories %d, "
                        + "seen by a partner that should not %d, overdue %d; partner actions 2xx %d (not effective %d, "
                        + "effective twice %d), refused credentials %d; raw re-writes after retries %d; stale state in same-state events %d",
                passed() ? "PASSED" : "FAILED", acknowledged, terminal, open, stuck, lost, duplicated, brokenHistory,
                foreign, overdue, actions, actionsLost, actionsTwice, credentialsRefused, rawRewrites, staleAnnotations));
        text.append("\n  current states: ").append(states);
        examples.forEach(e -> text.append("\n  - ").append(e));
        return text.toString();
    }
}
