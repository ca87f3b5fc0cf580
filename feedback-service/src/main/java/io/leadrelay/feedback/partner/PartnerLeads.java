package io.leadrelay.feedback.partner;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.kafka.KafkaSettings;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.feedback.kafka.TopicFollower;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.catalog.Topics;

/** Keeps every partner's inbox and routing's answers current from {@code leads.assignments}. */
@ApplicationScoped
public class PartnerLeads {

    private final PartnerInbox inbox;
    private final ActionAnswers answers;
    private final KafkaSettings settings;
    private final RecordWriter writer;
    private final Clock clock;
    private TopicFollower<AssignmentEvent> follower;

    PartnerLeads(FeedbackConfig config, KafkaSettings settings, RecordWriter writer, Clock clock) {
        this.inbox = new PartnerInbox(config.inbox().releasedKept());
        this.answers = new ActionAnswers(config.actions().rememberedAnswers());
        this.settings = settings;
        this.writer = writer;
        this.clock = clock;
    }

    public TopicFollower<AssignmentEvent> follow() {
        follower = new TopicFollower<>(Topics.LEADS_ASSIGNMENTS, settings, writer, clock, record -> {
            if (record.value() != null) {
                // Inbox first: whoever is woken by the answer must already see the new state.
                inbox.apply(record.value());
                answers.answer(record.value());
            }
        }).start();
        return follower;
    }

    public PartnerInbox inbox() {
        return inbox;
    }

    public ActionAnswers answers() {
        return answers;
    }

    @PreDestroy
    void stop() {
        if (follower != null) {
            follower.close();
        }
    }
}
