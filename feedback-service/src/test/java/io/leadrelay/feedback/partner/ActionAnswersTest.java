package io.leadrelay.feedback.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;

class ActionAnswersTest {

    @Test
    void aLateAnswerIsRememberedAsLongAsAFreshRequest() {
        ActionAnswers answers = new ActionAnswers(2);
        answers.expect("slow", "p1", "l1", PartnerAction.ACCEPT);
        answers.stopWaiting("slow");
        answers.expect("r2", "p1", "l2", PartnerAction.ACCEPT);
        answers.answer(Assignments.event(AssignmentEventType.ACCEPTED, "l1", "p1", LeadState.ACCEPTED)
                .setRequestId("slow").build());
        answers.expect("r3", "p1", "l3", PartnerAction.ACCEPT);
        // capacity 2: the answered "slow" counts from its answer, so r2 is the eldest
        assertThat(answers.status("r2")).isEmpty();
        assertThat(answers.status("slow")).hasValueSatisfying(s -> {
            assertThat(s.action()).isEqualTo(PartnerAction.ACCEPT);
            assertThat(s.answer()).isEqualTo(new ActionAnswers.Answer(AssignmentEventType.ACCEPTED, LeadState.ACCEPTED, null));
        });
    }
}
