package io.leadrelay.harness.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PartnerBehaviourTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void assignmentsAreAcceptedAndClosedOrReturnedWithAReasonInTheConfiguredShares() {
        Random random = new Random(1);
        Map<String, Integer> firstSteps = new HashMap<>();
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            List<PartnerBehaviour.Step> plan = PartnerBehaviour.CHAOS.plan(random, false, false, TODAY);
            assertThat(plan).isNotEmpty(); // partners with a long SLA always answer
            firstSteps.merge(plan.get(0).action(), 1, Integer::sum);
            PartnerBehaviour.Step last = plan.get(plan.size() - 1);
            if (last.action().equals("close")) {
                assertThat(plan.get(0).action()).isEqualTo("accept");
                outcomes.merge((String) last.body().get("outcome"), 1, Integer::sum);
            } else {
                assertThat(plan).hasSize(1);
                assertThat(last.body().get("reason")).isIn(PartnerBehaviour.RETURN_REASONS.keySet());
                assertThat((String) last.body().get("comment")).isNotBlank();
            }
        }
        assertThat(firstSteps.get("accept")).isBetween(2650, 2950);
        assertThat(firstSteps.get("return")).isBetween(1050, 1350);
        assertThat(outcomes.get("WON")).isBetween(1250, 1550);
        assertThat(outcomes.get("LOST")).isBetween(1250, 1550);
    }

    @Test
    void shortSlaPartnersLetSomeLeadsExpireAndOffersAreNeverReturned() {
        Random random = new Random(2);
        int ignored = 0;
        for (int i = 0; i < 1000; i++) {
            List<PartnerBehaviour.Step> plan = PartnerBehaviour.CHAOS.plan(random, true, true, TODAY);
            if (plan.isEmpty()) {
                ignored++;
            } else {
                assertThat(plan.get(0).action()).isEqualTo("accept");
            }
        }
        assertThat(ignored).isBetween(450, 600); // 30 % ignore, then 30 % of offers are not accepted
    }

    @Test
    void stepsWaitWithinThePace() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            for (PartnerBehaviour.Step step : PartnerBehaviour.DEMO.plan(random, false, false, TODAY)) {
                assertThat(step.delay()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(45));
            }
        }
    }
}
