package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.channel.EuroConverter;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;

class LeadStatsTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final LeadStatsTracker tracker = new LeadStatsTracker(new EuroConverter(Map.of("USD",
            new BigDecimal("0.92"))));
    private LeadFacts facts;

    private LeadStatsTracker.Result apply(LifecycleEvent e) {
        LeadStatsTracker.Result r = tracker.apply(facts, e);
        facts = r.facts();
        return r;
    }

    private static LifecycleEvent.Builder event(LeadState from, LeadState to, String reason, long minutes) {
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId("lead-1").setFrom(from)
                .setTo(to).setReason(reason).setActor(new Actor("RULE", "rule:test"))
                .setAt(T0.plusSeconds(minutes * 60)).setSourceChannel("web-form").setCampaign("fair|2026")
                .setValue(new Money(new BigDecimal("1000.00"), "USD")).setExpectedDecision(LocalDate.of(2027, 6, 30));
    }

    private static long count(LeadStatsTracker.Result r, String row, String name) {
        Tally t = r.contributions().get(row);
        return t == null ? 0 : t.count(name);
    }

    @Test
    void offeredPartnersAreReadFromThePlanWhateverComesBeforeIt() throws Exception {
        String details = "{\"candidates\":[{\"partnerId\":\"p9\",\"parts\":{\"fit\":0.5}}],"
                + "\"excluded\":[{\"partnerIds\":[\"p1\",\"p2\"],\"reasons\":[\"PAUSED\"]}],"
                + "\"plan\":{\"mode\":\"OFFER\",\"partners\":[\"p3\",\"p4\"],\"reason\":\"OFFER_TOP_K\"},"
                + "\"ruleVersion\":\"routing-rules/1\"}";
        assertThat(LeadStatsTracker.planPartners(details)).containsExactly("p3", "p4");
        assertThat(LeadStatsTracker.planPartners("{\"plan\":{\"mode\":\"ASSIGN\"}}")).isEmpty();
        assertThat(LeadStatsTracker.planPartners("[\"not an object\"]")).isEmpty();
    }

    @Test
    void aNewLeadCountsInItsCohortItsDayAndTheCurrentStates() {
        LeadStatsTracker.Result r = apply(event(null, LeadState.RECEIVED, "RECEIVED", 0).build());
        assertThat(count(r, "fD|2026-11-27|web-form|fair%7C2026", "leads")).isEqualTo(1);
        assertThat(count(r, "fM|2026-11|web-form|fair%7C2026", "entered.RECEIVED")).isEqualTo(1);
        assertThat(count(r, "fA||web-form|fair%7C2026", "transition.NEW->RECEIVED")).isEqualTo(1);
        assertThat(count(r, "fC||web-form|fair%7C2026", "state.RECEIVED")).isEqualTo(1);
        // open pipeline: 1000 USD = 920 EUR in June 2027
        assertThat(count(r, "o2027-06|web-form|fair%7C2026", "open.RECEIVED.cents")).isEqualTo(92_000);

        r = apply(event(LeadState.RECEIVED, LeadState.MQL, "MQL_CRITERIA_MET", 90).build());
        assertThat(count(r, "fC||web-form|fair%7C2026", "state.RECEIVED")).isEqualTo(-1);
        assertThat(count(r, "fD|2026-11-27|web-form|fair%7C2026", "reached.MQL")).isEqualTo(1);
        assertThat(r.contributions().get("fD|2026-11-27|web-form|fair%7C2026").histogram("stage.RECEIVED")
                [Durations.bucket(90 * 60_000L)]).isEqualTo(1L);
        assertThat(count(r, "o2027-06|web-form|fair%7C2026", "open.RECEIVED.leads")).isEqualTo(-1);
        assertThat(count(r, "o2027-06|web-form|fair%7C2026", "open.MQL.leads")).isEqualTo(1);
    }

    @Test
    void offersDeclinesAndTheFirstAcceptMoveThePartnersFigures() {
        apply(event(null, LeadState.SQL, "SQL", 0).build());
        LeadStatsTracker.Result r = apply(event(LeadState.SQL, LeadState.OFFERED, "OFFERED:GRADE_B", 10)
                .setDetailsJson("{\"plan\":{\"partners\":[\"p-1\",\"p-2\",\"p-3\"]}}").build());
        for (String p : List.of("p-1", "p-2", "p-3")) {
            assertThat(count(r, "pD|2026-11-27|" + p, "offered")).isEqualTo(1);
            assertThat(count(r, "pA||" + p, "open")).isEqualTo(1);
        }
        assertThat(r.signals()).anyMatch(s -> s.kind() == LeadStatsTracker.Signal.Kind.FIRST_OFFER_LATENCY
                && s.millis() == 10 * 60_000L);

        r = apply(event(LeadState.OFFERED, LeadState.OFFERED, "OFFER_DECLINED:NO_CAPACITY", 20)
                .setActor(new Actor("PARTNER", "p-2")).build());
        assertThat(count(r, "pM|2026-11|p-2", "returned.NO_CAPACITY")).isEqualTo(1);
        assertThat(count(r, "pA||p-2", "open")).isEqualTo(-1);

        apply(event(LeadState.OFFERED, LeadState.ASSIGNED, "OFFER_ACCEPTED_FIRST", 70).setOwnerId("p-3").build());
        r = apply(event(LeadState.ASSIGNED, LeadState.ACCEPTED, "ACCEPTED", 70).setOwnerId("p-3").build());
        assertThat(count(r, "pD|2026-11-27|p-3", "accepted")).isEqualTo(1);
        assertThat(r.contributions().get("pD|2026-11-27|p-3").histogram("timeToAccept")
                [Durations.bucket(60 * 60_000L)]).isEqualTo(1L);
        assertThat(facts.holders).containsOnlyKeys("p-3");
    }

    @Test
    void rejectedAndRedeliveredEventsChangeNothing() {
        LifecycleEvent received = event(null, LeadState.RECEIVED, "RECEIVED", 0).build();
        apply(received);
        assertThat(apply(received).contributions()).isEmpty();
        LeadStatsTracker.Result rejected = apply(event(LeadState.RECEIVED, LeadState.RECEIVED,
                "SALES_DECISION_REJECTED:NOT_IN_SALES_REVIEW", 5).setRejected(true).build());
        assertThat(rejected.changed()).isFalse();
        assertThat(rejected.contributions()).isEmpty();
    }

    @Test
    void aNotALeadReturnCountsAgainstTheSourceOnce() {
        apply(event(null, LeadState.RECEIVED, "RECEIVED", 0).build());
        apply(event(LeadState.RECEIVED, LeadState.ASSIGNED, "ASSIGNED:GRADE_A", 5).setOwnerId("p-1").build());
        LeadStatsTracker.Result r = apply(event(LeadState.ASSIGNED, LeadState.RETURNED, "RETURNED:NOT_A_LEAD", 10)
                .setActor(new Actor("PARTNER", "p-1")).build());
        assertThat(count(r, "fD|2026-11-27|web-form|fair%7C2026", "reached.NOT_A_LEAD")).isEqualTo(1);
        assertThat(count(r, "pD|2026-11-27|p-1", "returned.NOT_A_LEAD")).isEqualTo(1);
        assertThat(r.signals()).anyMatch(s -> s.kind() == LeadStatsTracker.Signal.Kind.RETURN
                && "NOT_A_LEAD".equals(s.label()));
    }

    @Test
    void histogramQuantilesStayWithinTheirTenPercentBucket() {
        for (long millis : new long[] { 0, 999, 1_000, 1_001, 59_000, 3_600_000, 86_400_000L * 30 }) {
            double seconds = millis / 1000.0;
            double upper = Durations.upperBoundSeconds(Durations.bucket(millis));
            assertThat(upper).as("%d ms", millis).isGreaterThanOrEqualTo(seconds)
                    .isLessThanOrEqualTo(Math.max(1.0, seconds * Durations.GROWTH));
        }
    }
}
