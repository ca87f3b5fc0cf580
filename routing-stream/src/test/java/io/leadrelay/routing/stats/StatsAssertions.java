package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.leadrelay.routing.stats.query.StatsFanOut;
import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.routing.stats.query.StatsView;

/** Compares the stream's rendered views with {@link StatsOracle}, figure by figure. */
final class StatsAssertions {

    private StatsAssertions() {
    }

    static Map<String, Object> answer(StatsFanOut fanOut, StatsView view, StatsRequest r, java.time.Instant now) {
        StatsFanOut.Answer a = fanOut.query(view, r, now);
        assertThat(a).as(view + " " + r).isInstanceOf(StatsFanOut.Answer.Complete.class);
        return ((StatsFanOut.Answer.Complete) a).body();
    }

    @SuppressWarnings("unchecked")
    static void funnelMatches(Map<String, Object> body, StatsOracle.Funnel expected, String what) {
        assertThat(body.get("leads")).as(what + " leads").isEqualTo(expected.leads());
        for (Map<String, Object> stage : (List<Map<String, Object>>) body.get("stages")) {
            String state = (String) stage.get("state");
            assertThat(stage.get("entered")).as(what + " entered " + state)
                    .isEqualTo(expected.entered().getOrDefault(state, 0L));
            assertThat(stage.get("current")).as(what + " current " + state)
                    .isEqualTo(expected.current().getOrDefault(state, 0L));
            durationsMatch((Map<String, Object>) stage.get("timeInStage"),
                    expected.stageMillis().getOrDefault(state, List.of()), what + " time in " + state);
        }
        Map<String, Long> transitions = new TreeMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) body.get("transitions")) {
            transitions.put(t.get("from") + "->" + t.get("to"), (Long) t.get("count"));
        }
        assertThat(transitions).as(what + " transitions").isEqualTo(expected.transitions());
        for (Map<String, Object> c : (List<Map<String, Object>>) body.get("conversion")) {
            String to = (String) c.get("to");
            long reached = "RECEIVED".equals(to) ? expected.leads() : expected.reached().getOrDefault(to, 0L);
            assertThat(c.get("converted")).as(what + " converted to " + to).isEqualTo(reached);
        }
    }

    /** The histogram's quantile is the exact one rounded up to its 10 % bucket (±0.05 s display rounding). */
    static void durationsMatch(Map<String, Object> d, List<Long> millis, String what) {
        assertThat(d.get("count")).as(what + " count").isEqualTo((long) millis.size());
        if (millis.isEmpty()) {
            assertThat(d.get("medianSeconds")).as(what).isNull();
            return;
        }
        for (String[] q : new String[][] { { "medianSeconds", "0.5" }, { "p90Seconds", "0.9" } }) {
            double exact = StatsOracle.quantileSeconds(millis, Double.parseDouble(q[1]));
            double reported = (Double) d.get(q[0]);
            assertThat(reported).as(what + " " + q[0] + " (exact " + exact + ")")
                    .isBetween(exact - 0.05, Math.max(1.0, exact * Durations.GROWTH) + 0.05);
        }
    }

    @SuppressWarnings("unchecked")
    static void sourcesMatch(Map<String, Object> body, Map<List<String>, StatsOracle.Funnel> expected) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) body.get("sources");
        assertThat(rows).hasSize(expected.size());
        for (Map<String, Object> row : rows) {
            String campaign = "".equals(row.get("campaign")) ? null : (String) row.get("campaign");
            StatsOracle.Funnel f = expected.get(java.util.Arrays.asList((String) row.get("channel"), campaign));
            String what = "source " + row.get("channel") + "/" + campaign;
            assertThat(f).as(what).isNotNull();
            assertThat(row.get("leads")).as(what).isEqualTo(f.leads());
            assertThat(row.get("mql")).as(what + " mql").isEqualTo(f.reached().getOrDefault("MQL", 0L));
            assertThat(row.get("sql")).as(what + " sql").isEqualTo(f.reached().getOrDefault("SQL", 0L));
            assertThat(row.get("notALead")).as(what + " not a lead")
                    .isEqualTo(f.reached().getOrDefault("NOT_A_LEAD", 0L));
            assertThat(row.get("won")).as(what + " won").isEqualTo(f.reached().getOrDefault("WON", 0L));
            assertThat(row.get("lost")).as(what + " lost").isEqualTo(f.reached().getOrDefault("LOST", 0L));
            assertThat(cents(row.get("wonValue"))).as(what + " won value").isEqualTo(f.wonCents());
        }
    }

    @SuppressWarnings("unchecked")
    static void partnersMatch(Map<String, Object> body, Map<String, StatsOracle.PartnerFigures> expected,
            String what) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) body.get("partners")) {
            rows.put((String) row.get("partnerId"), row);
        }
        assertThat(rows.keySet()).as(what + " partners").containsAll(expected.keySet());
        expected.forEach((id, f) -> {
            Map<String, Object> row = rows.get(id);
            String w = what + " " + id;
            assertThat(row.get("offered")).as(w + " offered").isEqualTo(f.offered);
            assertThat(row.get("assigned")).as(w + " assigned").isEqualTo(f.assigned);
            assertThat(row.get("accepted")).as(w + " accepted").isEqualTo(f.accepted);
            Double rate = f.offered + f.assignedDirect == 0 ? null
                    : Math.round(f.accepted * 10000.0 / (f.offered + f.assignedDirect)) / 10000.0;
            assertThat(row.get("acceptanceRate")).as(w + " acceptance rate").isEqualTo(rate);
            durationsMatch((Map<String, Object>) row.get("timeToAccept"), f.timeToAccept, w + " time to accept");
            Map<String, Long> returns = new TreeMap<>((Map<String, Long>) row.get("returns"));
            returns.values().removeIf(n -> n == 0);
            assertThat(returns).as(w + " returns").isEqualTo(f.returns);
            assertThat(row.get("slaExpired")).as(w + " SLA expired").isEqualTo(f.slaExpired);
            assertThat(row.get("offersExpired")).as(w + " offers expired").isEqualTo(f.offersExpired);
            assertThat(row.get("escalated")).as(w + " escalated").isEqualTo(f.escalated);
            assertThat(row.get("won")).as(w + " won").isEqualTo(f.won);
            assertThat(row.get("lost")).as(w + " lost").isEqualTo(f.lost);
            assertThat(cents(row.get("wonValue"))).as(w + " won value").isEqualTo(f.wonCents);
            assertThat(row.get("open")).as(w + " open").isEqualTo(f.open);
        });
    }

    @SuppressWarnings("unchecked")
    static void forecastMatches(Map<String, Object> body, Map<String, StatsOracle.MonthFigures> expected,
            String what) {
        Map<String, Map<String, Object>> months = new TreeMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) body.get("months")) {
            months.put((String) m.get("month"), m);
        }
        Map<String, StatsOracle.MonthFigures> nonEmpty = new TreeMap<>(expected);
        nonEmpty.values().removeIf(f -> f.wonLeads() == 0 && f.openLeads().isEmpty());
        assertThat(months.keySet()).as(what + " months").isEqualTo(nonEmpty.keySet());
        nonEmpty.forEach((month, f) -> {
            Map<String, Object> m = months.get(month);
            assertThat(m.get("wonLeads")).as(what + " won leads " + month).isEqualTo(f.wonLeads());
            assertThat(cents(m.get("wonValue"))).as(what + " won value " + month).isEqualTo(f.wonCents());
            Map<String, Map<String, Object>> byState = (Map<String, Map<String, Object>>) m.get("byState");
            assertThat(byState.keySet()).as(what + " open states " + month).isEqualTo(f.openLeads().keySet());
            f.openLeads().forEach((state, n) -> {
                assertThat(byState.get(state).get("leads")).as(what + " open " + state + " " + month).isEqualTo(n);
                assertThat(cents(byState.get(state).get("value"))).as(what + " open value " + state + " " + month)
                        .isEqualTo(f.openCents().get(state));
            });
        });
    }

    static long cents(Object eur) {
        return ((BigDecimal) eur).movePointRight(2).longValueExact();
    }
}
