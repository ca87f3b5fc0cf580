package io.leadrelay.harness.poison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.catalog.Topics;

class PoisonPillsTest {

    @Test
    void everyConsumedTopicGetsTwoPillsBoundForItsDeadLetterTopic() {
        List<PoisonPills.Pill> pills = PoisonPills.plan("t");
        assertThat(pills.stream().map(PoisonPills.Pill::topic).distinct()).contains(Topics.LEADS_RAW.name(),
                Topics.LEADS_SQL.name(), Topics.LEADS_FEEDBACK.name(), Topics.LEADS_RETURNS.name(),
                Topics.LEADS_ASSIGNMENTS.name(), Topics.LEADS_LIFECYCLE.name(), Topics.LEADS_NURTURE.name(),
                Topics.LEADS_ERASURES.name(), Topics.PRIVACY_ERASURE_REQUESTS.name(), Topics.REFERENCE_COMPANIES.name(),
                Topics.REFERENCE_PARTNERS.name(), Topics.LEADS_MQL.name());
        assertThat(pills).hasSize(2 * (Topics.deadLetterTopics().size() - 1));
        assertThat(pills).allSatisfy(p -> assertThat(p.deadLetterTopic()).isEqualTo(p.topic() + ".dlq"));
        assertThat(pills.stream().map(PoisonPills.Pill::key).distinct()).hasSize(pills.size());
    }
}
