package io.leadrelay.qualification.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecisionWindowTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-27");

    private final DecisionWindow window = new DecisionWindow(6, 2,
            Map.of("quick-kits", 3, "Production-Lines", 12));

    @ParameterizedTest(name = "L = {0} months")
    @ValueSource(ints = {3, 6, 12})
    void windowOpensExactlyLPlusTwoMonthsBeforeTheDecision(int cycle) {
        DecisionWindow w = new DecisionWindow(cycle, 2, Map.of());
        LocalDate atOpening = TODAY.plusMonths(cycle + 2L);

        assertThat(w.assess(atOpening, null, TODAY).position()).isEqualTo(DecisionWindow.Position.IN_WINDOW);
        DecisionWindow.Verdict dayLater = w.assess(atOpening.plusDays(1), null, TODAY);
        assertThat(dayLater.position()).isEqualTo(DecisionWindow.Position.TOO_FAR);
        assertThat(dayLater.dueDate()).isEqualTo(TODAY.plusDays(1));
        assertThat(w.assess(TODAY.plusMonths(cycle), null, TODAY).position())
                .as("at L months: inside the window").isEqualTo(DecisionWindow.Position.IN_WINDOW);
        assertThat(w.assess(TODAY.plusMonths(1), null, TODAY).position())
                .as("nearer than L: still to sales now").isEqualTo(DecisionWindow.Position.IN_WINDOW);
    }

    @Test
    void dueDateIsDecisionMinusLPlusTwoMonths() {
        DecisionWindow.Verdict verdict = window.assess(LocalDate.parse("2028-06-30"), null, TODAY);

        assertThat(verdict.position()).isEqualTo(DecisionWindow.Position.TOO_FAR);
        assertThat(verdict.dueDate()).isEqualTo(LocalDate.parse("2027-10-30"));
        assertThat(verdict.cycleMonths()).isEqualTo(6);
    }

    @Test
    void decisionTodayIsInWindowAndYesterdayIsPast() {
        assertThat(window.assess(TODAY, null, TODAY).position()).isEqualTo(DecisionWindow.Position.IN_WINDOW);
        DecisionWindow.Verdict past = window.assess(TODAY.minusDays(1), null, TODAY);
        assertThat(past.position()).isEqualTo(DecisionWindow.Position.PAST);
        assertThat(past.dueDate()).as("re-confirm, no automatic return").isNull();
    }

    @Test
    void salesCycleComesFromTheProductInterestCaseInsensitively() {
        assertThat(window.cycleMonths("quick-kits")).isEqualTo(3);
        assertThat(window.cycleMonths(" production-lines ")).isEqualTo(12);
        assertThat(window.cycleMonths("unknown")).isEqualTo(6);
        assertThat(window.cycleMonths(null)).isEqualTo(6);
        assertThat(window.assess(TODAY.plusMonths(10), "production-lines", TODAY).position())
                .isEqualTo(DecisionWindow.Position.IN_WINDOW);
        assertThat(window.assess(TODAY.plusMonths(10), "quick-kits", TODAY).dueDate())
                .isEqualTo(TODAY.plusMonths(5));
    }
}
