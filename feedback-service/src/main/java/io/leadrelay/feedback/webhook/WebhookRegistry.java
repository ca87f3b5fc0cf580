package io.leadrelay.feedback.webhook;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.kafka.KafkaSettings;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.feedback.kafka.TopicFollower;
import io.leadrelay.schemas.PartnerWebhook;
import io.leadrelay.schemas.catalog.Topics;

/** Partners' webhook registrations, kept in the compacted webhook topic and read by every instance. */
@ApplicationScoped
public class WebhookRegistry {

    private final Map<String, PartnerWebhook> byPartner = new ConcurrentHashMap<>();
    private final RecordWriter writer;
    private final KafkaSettings settings;
    private final Clock clock;
    private final WebhookTargetPolicy targets;
    private TopicFollower<PartnerWebhook> follower;

    WebhookRegistry(RecordWriter writer, KafkaSettings settings, Clock clock, FeedbackConfig config) {
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.targets = new WebhookTargetPolicy(config.webhooks().allowPrivateTargets());
    }

    public TopicFollower<PartnerWebhook> follow() {
        follower = new TopicFollower<>(Topics.FEEDBACK_WEBHOOKS, settings, writer, clock, record -> {
            if (record.value() == null) {
                byPartner.remove(record.key());
            } else {
                byPartner.put(record.key(), record.value());
            }
        }).start();
        return follower;
    }

    public PartnerWebhook register(String partnerId, String url, String secret) {
        PartnerWebhook webhook = new PartnerWebhook(partnerId, url, secret, clock.instant());
        writer.write(Topics.FEEDBACK_WEBHOOKS, partnerId, webhook, new RecordHeaders());
        byPartner.put(partnerId, webhook);
        return webhook;
    }

    public boolean remove(String partnerId) {
        if (!byPartner.containsKey(partnerId)) {
            return false;
        }
        writer.tombstone(Topics.FEEDBACK_WEBHOOKS, partnerId);
        byPartner.remove(partnerId);
        return true;
    }

    /** Why the service may not POST to the URL (checked at registration and before every delivery), or empty. */
    public Optional<String> targetRefusal(String url) {
        return targets.refusal(url);
    }

    public Optional<PartnerWebhook> of(String partnerId) {
        return Optional.ofNullable(byPartner.get(partnerId));
    }

    @PreDestroy
    void stop() {
        if (follower != null) {
            follower.close();
        }
    }
}
