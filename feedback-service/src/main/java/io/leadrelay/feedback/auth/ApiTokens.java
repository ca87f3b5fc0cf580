package io.leadrelay.feedback.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import io.leadrelay.feedback.kafka.KafkaSettings;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.feedback.kafka.TopicFollower;
import io.leadrelay.schemas.ApiToken;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Issues and revokes API tokens. Only SHA-256 hashes go to the compacted token topic, which every
 * instance reads from the start, so tokens survive restarts and work everywhere.
 */
@ApplicationScoped
public class ApiTokens {

    private final TokenBook book = new TokenBook();
    private final RecordWriter writer;
    private final KafkaSettings settings;
    private final Clock clock;
    private TopicFollower<ApiToken> follower;

    ApiTokens(RecordWriter writer, KafkaSettings settings, Clock clock) {
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts reading the token topic; see {@link io.leadrelay.feedback.kafka.Feeds}. */
    public TopicFollower<ApiToken> follow() {
        follower = new TopicFollower<>(Topics.FEEDBACK_TOKENS, settings, writer, clock,
                record -> book.apply(record.key(), record.value())).start();
        return follower;
    }

    /** The token in clear text, returned once to the admin; only its hash is kept. */
    public IssuedToken issue(Role role, String subject, Duration ttl) {
        String token = TokenHash.newToken();
        Instant now = clock.instant();
        ApiToken record = ApiToken.newBuilder()
                .setTokenId(TokenHash.newTokenId())
                .setHash(TokenHash.sha256(token))
                .setRole(role.wireName())
                .setSubject(subject)
                .setIssuedAt(now)
                .setExpiresAt(ttl == null ? null : now.plus(ttl))
                .setRevoked(false)
                .build();
        writer.write(Topics.FEEDBACK_TOKENS, record.getTokenId(), record, new RecordHeaders());
        // Usable at once on this instance; other instances pick it up from the topic.
        book.apply(record.getTokenId(), record);
        return new IssuedToken(record.getTokenId(), token, role, subject, record.getExpiresAt());
    }

    /** Revokes by tombstone; false when the token is unknown or already revoked. */
    public boolean revoke(String tokenId) {
        if (book.byId(tokenId).isEmpty()) {
            return false;
        }
        writer.tombstone(Topics.FEEDBACK_TOKENS, tokenId);
        book.apply(tokenId, null);
        return true;
    }

    public Optional<Caller> verify(String presented) {
        return book.verify(presented, clock.instant());
    }

    @PreDestroy
    void stop() {
        if (follower != null) {
            follower.close();
        }
    }

    public record IssuedToken(String tokenId, String token, Role role, String subject, Instant expiresAt) {
    }
}
