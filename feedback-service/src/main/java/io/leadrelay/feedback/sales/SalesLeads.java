package io.leadrelay.feedback.sales;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.kafka.KafkaSettings;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.feedback.kafka.TopicFollower;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.Topics;

/** Keeps the sales queue current from {@code leads.lifecycle} and {@code leads.mql}. */
@ApplicationScoped
public class SalesLeads {

    private final SalesQueue queue;
    private final KafkaSettings settings;
    private final RecordWriter writer;
    private final Clock clock;
    private TopicFollower<LifecycleEvent> lifecycle;
    private TopicFollower<QualifiedLead> mql;

    SalesLeads(FeedbackConfig config, KafkaSettings settings, RecordWriter writer, Clock clock) {
        this.queue = new SalesQueue(config.sales().knownLeads());
        this.settings = settings;
        this.writer = writer;
        this.clock = clock;
    }

    public void follow() {
        lifecycle = new TopicFollower<>(Topics.LEADS_LIFECYCLE, settings, writer, clock, record -> {
            if (record.value() != null) {
                queue.applyLifecycle(record.value());
            }
        }).start();
        mql = new TopicFollower<>(Topics.LEADS_MQL, settings, writer, clock, record -> {
            if (record.value() != null) {
                queue.applyQualified(record.value());
            }
        }).start();
    }

    public boolean caughtUp() {
        return lifecycle != null && lifecycle.caughtUp() && mql.caughtUp();
    }

    public SalesQueue queue() {
        return queue;
    }

    @PreDestroy
    void stop() {
        if (lifecycle != null) {
            lifecycle.close();
            mql.close();
        }
    }
}
