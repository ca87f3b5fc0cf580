package io.leadrelay.routing.returns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadrelay.schemas.ReturnReason;

class ReturnPolicyTest {

    private final ReturnPolicy policy = new ReturnPolicy(3);

    @ParameterizedTest
    @CsvSource({
            "PROJECT_MISMATCH, 1, NEXT_PARTNER", "NO_CAPACITY, 1, NEXT_PARTNER", "OUT_OF_TERRITORY, 2, NEXT_PARTNER",
            "CONFLICT_OF_INTEREST, 1, NEXT_PARTNER", "NOT_A_LEAD, 1, DISQUALIFIED", "NOT_READY, 1, NURTURE",
            "UNREACHABLE, 1, SALES_REVIEW", "DUPLICATE, 1, MERGED", "OTHER, 1, SALES_REVIEW",
            "PROJECT_MISMATCH, 3, SALES_REVIEW", "NO_CAPACITY, 4, SALES_REVIEW", "NOT_READY, 3, NURTURE" })
    void everyReasonCodeFollowsTheContractTable(ReturnReason reason, int attempts, ReturnOutcome expected) {
        assertThat(policy.decide(reason, attempts).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "PROJECT_MISMATCH, 3, ATTEMPTS_EXHAUSTED", "PROJECT_MISMATCH, 2, RETURNED:PROJECT_MISMATCH",
            "NOT_A_LEAD, 1, RETURNED:NOT_A_LEAD" })
    void reasonSaysWhy(ReturnReason reason, int attempts, String expected) {
        assertThat(policy.decide(reason, attempts).reason()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void onlyNotALeadCountsAgainstTheSource() {
        for (ReturnReason reason : ReturnReason.values()) {
            assertThat(policy.decide(reason, 1).countsAgainstSource()).isEqualTo(reason == ReturnReason.NOT_A_LEAD);
        }
    }

    @org.junit.jupiter.api.Test
    void attemptLimitIsConfigurable() {
        ReturnPolicy one = new ReturnPolicy(1);
        assertThat(one.decide(ReturnReason.NO_CAPACITY, 1).outcome()).isEqualTo(ReturnOutcome.SALES_REVIEW);
        assertThat(one.mayTryAnotherPartner(0)).isTrue();
        assertThat(one.mayTryAnotherPartner(1)).isFalse();
    }
}
