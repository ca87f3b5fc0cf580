package io.leadrelay.routing.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.leadrelay.routing.channel.EuroConverter;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;

/**
 * Turns one lifecycle event of a lead into the increments of every aggregate row it changes (funnel, partners,
 * forecast), given what is known about the lead so far. Pure: the stream processor stores the facts and forwards
 * the contributions; the replay test checks the sums against an independent computation.
 *
 * <p>Funnel rows count flows on the event's day ({@code entered.S}, {@code transition.F->T}, time spent in the
 * state left, {@code stage.S}) and cohort counters on the lead's first day ({@code leads}, {@code reached.STAGE},
 * {@code won.cents}); {@code C} rows count leads currently in each state. Partner rows count on the event's day;
 * {@code open} (leads currently offered, assigned or accepted) lives in the partner's all-time row. Forecast rows
 * hold the open pipeline per expected decision month and state, and won value per month.
 */
public final class LeadStatsTracker {

    /** States a lead's value counts as open pipeline in (weighted by the configured probability at query time). */
    public static final Set<String> OPEN_STATES = Set.of("RECEIVED", "MQL", "NURTURE", "SQL", "DIRECT", "OFFERED",
            "ASSIGNED", "SALES_REVIEW", "ACCEPTED", "RETURNED", "EXPIRED");
    private static final Set<String> PARTNER_STATES = Set.of("OFFERED", "ASSIGNED", "ACCEPTED");
    /** Redeliveries come soon after the original (a retried write): the lead's last events are enough. */
    private static final int EVENT_IDS_KEPT = 32;

    /** What the stream should also tell the metrics. */
    public record Signal(Kind kind, String label, long millis) {
        public enum Kind {
            /** label: ASSIGNMENT (reclaimed), OFFER (offer expired), PROGRESS (escalated) */
            SLA_BREACH,
            /** label: return reason code */
            RETURN,
            /** millis: first event of the lead → first offer or assignment */
            FIRST_OFFER_LATENCY,
            /** label: the state entered */
            ENTERED
        }
    }

    public record Result(LeadFacts facts, Map<String, Tally> contributions, List<Signal> signals, boolean changed) {
    }

    private final EuroConverter euro;

    public LeadStatsTracker(EuroConverter euro) {
        this.euro = euro;
    }

    public Result apply(LeadFacts known, LifecycleEvent e) {
        if (e.getRejected() || (known != null && known.eventIds.contains(e.getEventId()))) {
            return new Result(known, Map.of(), List.of(), false);
        }
        Update u = new Update(known == null ? new LeadFacts() : known, e);
        u.run();
        return new Result(u.f, u.out, u.signals, true);
    }

    private final class Update {
        final LeadFacts f;
        final LifecycleEvent e;
        final long t;
        final LocalDate day;
        final Map<String, Tally> out = new LinkedHashMap<>();
        final List<Signal> signals = new ArrayList<>();
        /** Store-prefixed row keys, made once per event: an event adds to the same rows under several names. */
        List<String> cohortRows;
        List<String> flowRows;
        final Map<String, List<String>> partnerRows = new HashMap<>();

        Update(LeadFacts f, LifecycleEvent e) {
            this.f = f;
            this.e = e;
            this.t = e.getAt().toEpochMilli();
            this.day = LocalDate.ofInstant(e.getAt(), ZoneOffset.UTC);
        }

        void run() {
            boolean newLead = f.state == null;
            if (newLead) {
                f.cohortDay = day.toString();
                f.firstAt = t;
                f.channel = RowKeys.encode(e.getSourceChannel());
                f.campaign = RowKeys.encode(e.getCampaign());
                cohort("leads", 1);
            }
            f.eventIds.add(e.getEventId());
            if (f.eventIds.size() > EVENT_IDS_KEPT) {
                f.eventIds.remove(0);
            }
            String prev = f.state;
            String to = e.getTo().name();
            String reason = e.getReason() == null ? "" : e.getReason();
            Map<String, Long> holdersBefore = new LinkedHashMap<>(f.holders);

            if (!to.equals(prev)) {
                flow("entered." + to, 1);
                flow("transition." + (prev == null ? "NEW" : prev) + "->" + to, 1);
                if (prev != null) {
                    flowDuration("stage." + prev, t - f.since);
                    add(RowKeys.FUNNEL, RowKeys.current(f.channel, f.campaign), "state." + prev, -1);
                }
                add(RowKeys.FUNNEL, RowKeys.current(f.channel, f.campaign), "state." + to, 1);
                f.state = to;
                f.since = t;
                signals.add(new Signal(Signal.Kind.ENTERED, to, 0));
            }
            String stage = stage(to);
            if (stage != null && f.reached.add(stage)) {
                cohort("reached." + stage, 1);
            }
            partners(prev, to, reason, holdersBefore);
            values(to);
            f.ownerType = e.getOwnerType() == null ? null : e.getOwnerType().name();
            f.ownerId = e.getOwnerId();
            f.deadline = e.getDeadline() == null || !OPEN_STATES.contains(to) ? null : e.getDeadline().toEpochMilli();
        }

        void partners(String prev, String to, String reason, Map<String, Long> before) {
            String code = returnCode(reason);
            String actorPartner = e.getActor() != null && "PARTNER".equals(e.getActor().getType())
                    ? e.getActor().getId() : null;
            String holder = before.size() == 1 ? before.keySet().iterator().next() : null;
            if (code != null) {
                String partner = actorPartner != null ? actorPartner : holder;
                if (partner != null) {
                    partner(partner, "returned." + code, 1);
                }
                signals.add(new Signal(Signal.Kind.RETURN, code, 0));
                if ("NOT_A_LEAD".equals(code) && f.reached.add("NOT_A_LEAD")) {
                    cohort("reached.NOT_A_LEAD", 1);
                }
            }
            if ("OFFERED".equals(to) && !"OFFERED".equals(prev)) {
                f.holders.clear();
                for (String p : offeredPartners()) {
                    partner(p, "offered", 1);
                    f.holders.put(p, t);
                    f.deliveredAt.put(p, t);
                }
                firstOffer();
            } else if ("OFFERED".equals(to) && reason.startsWith("OFFER_DECLINED:") && actorPartner != null) {
                f.holders.remove(actorPartner);
            } else if ("ASSIGNED".equals(to) && !"ASSIGNED".equals(prev) && e.getOwnerId() != null) {
                String p = e.getOwnerId();
                partner(p, "assigned", 1);
                if (!"OFFERED".equals(prev)) {
                    partner(p, "assignedDirect", 1);
                    f.deliveredAt.put(p, t);
                    firstOffer();
                }
                f.holders.clear();
                f.holders.put(p, t);
            } else if ("ACCEPTED".equals(to) && !"ACCEPTED".equals(prev) && e.getOwnerId() != null) {
                String p = e.getOwnerId();
                partner(p, "accepted", 1);
                Long delivered = f.deliveredAt.get(p);
                if (delivered != null) {
                    partnerDuration(p, "timeToAccept", t - delivered);
                }
                f.holders.clear();
                f.holders.put(p, t);
            } else if (!PARTNER_STATES.contains(to)) {
                if ("EXPIRED".equals(to) && "SLA_EXPIRED".equals(reason) && holder != null) {
                    partner(holder, "slaExpired", 1);
                    signals.add(new Signal(Signal.Kind.SLA_BREACH, "ASSIGNMENT", 0));
                } else if ("OFFERED".equals(prev) && "OFFER_EXPIRED".equals(reason)) {
                    before.keySet().forEach(p -> partner(p, "offersExpired", 1));
                    signals.add(new Signal(Signal.Kind.SLA_BREACH, "OFFER", 0));
                } else if ("ACCEPTED".equals(prev) && "NO_PROGRESS".equals(reason) && holder != null) {
                    partner(holder, "escalated", 1);
                    signals.add(new Signal(Signal.Kind.SLA_BREACH, "PROGRESS", 0));
                } else if ("WON".equals(to) && holder != null) {
                    partner(holder, "won", 1);
                    partner(holder, "won.cents", cents(e.getValue()));
                } else if ("LOST".equals(to) && holder != null) {
                    partner(holder, "lost", 1);
                }
                f.holders.clear();
            }
            for (String p : before.keySet()) {
                if (!f.holders.containsKey(p)) {
                    partnerOpen(p, -1);
                }
            }
            for (String p : f.holders.keySet()) {
                if (!before.containsKey(p)) {
                    partnerOpen(p, 1);
                }
            }
        }

        void firstOffer() {
            if (!f.offeredOnce) {
                f.offeredOnce = true;
                signals.add(new Signal(Signal.Kind.FIRST_OFFER_LATENCY, null, t - f.firstAt));
            }
        }

        void values(String to) {
            if (e.getValue() != null && !"WON".equals(to) && !"CUSTOMER".equals(to)) {
                f.valueCents = centsOrNull(e.getValue());
            }
            if (e.getExpectedDecision() != null) {
                f.expectedMonth = YearMonth.from(e.getExpectedDecision()).toString();
            }
            if ("WON".equals(to)) {
                long won = cents(e.getValue());
                cohort("won.cents", won);
                String key = RowKeys.forecast(YearMonth.from(day), f.channel, f.campaign);
                add(RowKeys.FORECAST, key, "won.leads", 1);
                add(RowKeys.FORECAST, key, "won.cents", won);
            }
            boolean open = OPEN_STATES.contains(f.state) && f.expectedMonth != null;
            String month = open ? f.expectedMonth : null;
            String state = open ? f.state : null;
            long centsNow = open && f.valueCents != null ? f.valueCents : 0;
            if (!Objects.equals(month, f.forecastMonth) || !Objects.equals(state, f.forecastState)
                    || centsNow != f.forecastCents) {
                if (f.forecastMonth != null) {
                    String key = f.forecastMonth + "|" + f.channel + "|" + f.campaign;
                    add(RowKeys.FORECAST, key, "open." + f.forecastState + ".leads", -1);
                    add(RowKeys.FORECAST, key, "open." + f.forecastState + ".cents", -f.forecastCents);
                }
                if (month != null) {
                    String key = month + "|" + f.channel + "|" + f.campaign;
                    add(RowKeys.FORECAST, key, "open." + state + ".leads", 1);
                    add(RowKeys.FORECAST, key, "open." + state + ".cents", centsNow);
                }
                f.forecastMonth = month;
                f.forecastState = state;
                f.forecastCents = centsNow;
            }
        }

        List<String> offeredPartners() {
            TreeSet<String> partners = new TreeSet<>();
            if (e.getDetailsJson() != null) {
                try {
                    partners.addAll(planPartners(e.getDetailsJson()));
                } catch (java.io.IOException ex) {
                    // details are an explanation, not a contract: no partners named means none counted
                }
            }
            if (partners.isEmpty() && e.getOwnerId() != null) {
                partners.add(e.getOwnerId());
            }
            return List.copyOf(partners);
        }

        void cohort(String name, long delta) {
            if (cohortRows == null) {
                cohortRows = rows(RowKeys.FUNNEL, RowKeys.timeLevels(LocalDate.parse(f.cohortDay), f.channel,
                        f.campaign));
            }
            for (String row : cohortRows) {
                row(row).add(name, delta);
            }
        }

        void flow(String name, long delta) {
            for (String row : flowRows()) {
                row(row).add(name, delta);
            }
        }

        void flowDuration(String name, long millis) {
            for (String row : flowRows()) {
                row(row).addDuration(name, millis);
            }
        }

        List<String> flowRows() {
            if (flowRows == null) {
                flowRows = rows(RowKeys.FUNNEL, RowKeys.timeLevels(day, f.channel, f.campaign));
            }
            return flowRows;
        }

        void partner(String partnerId, String name, long delta) {
            for (String row : partnerRows(partnerId)) {
                row(row).add(name, delta);
            }
        }

        void partnerDuration(String partnerId, String name, long millis) {
            for (String row : partnerRows(partnerId)) {
                row(row).addDuration(name, millis);
            }
        }

        List<String> partnerRows(String partnerId) {
            return partnerRows.computeIfAbsent(partnerId, p -> rows(RowKeys.PARTNERS,
                    RowKeys.timeLevels(day, RowKeys.encode(p))));
        }

        void partnerOpen(String partnerId, long delta) {
            add(RowKeys.PARTNERS, RowKeys.ALL + "||" + RowKeys.encode(partnerId), "open", delta);
        }

        void add(char store, String key, String name, long delta) {
            row(store + key).add(name, delta);
        }

        /** The increments of a store-prefixed row. */
        Tally row(String row) {
            return out.computeIfAbsent(row, k -> new Tally());
        }

        List<String> rows(char store, List<String> keys) {
            List<String> rows = new ArrayList<>(keys.size());
            for (String key : keys) {
                rows.add(store + key);
            }
            return rows;
        }

        long cents(Money money) {
            Long c = centsOrNull(money);
            return c == null ? 0 : c;
        }

        Long centsOrNull(Money money) {
            return euro.toEur(money).map(v -> v.movePointRight(2).longValue()).orElse(null);
        }
    }

    /** The cohort stage a state counts as reached; null for states that are not a stage of the funnel. */
    static String stage(String state) {
        return switch (state) {
            case "MQL", "SQL", "DIRECT", "ACCEPTED", "WON", "LOST", "DISQUALIFIED", "NURTURE" -> state;
            case "OFFERED", "ASSIGNED" -> "PARTNER";
            default -> null;
        };
    }

    /** The return reason code of a partner return or offer decline, else null. */
    static String returnCode(String reason) {
        if (reason.startsWith("RETURNED:")) {
            return reason.substring("RETURNED:".length());
        }
        if (reason.startsWith("OFFER_DECLINED:")) {
            return reason.substring("OFFER_DECLINED:".length());
        }
        return null;
    }

    /**
     * {@code plan.partners} of a decision's details, read as a token stream: the details also list every excluded
     * partner, and building a tree of all of it for one small array cost more than the rest of the aggregation.
     */
    static List<String> planPartners(String detailsJson) throws java.io.IOException {
        List<String> partners = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(detailsJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return partners;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"plan".equals(field) || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String planField = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY && "partners".equals(planField)) {
                        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                            if (t.isScalarValue()) {
                                partners.add(p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                        return partners;
                    }
                    p.skipChildren();
                }
                return partners;
            }
        }
        return partners;
    }
}
