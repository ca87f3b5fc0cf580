package io.leadrelay.feedback.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.schemas.ApiToken;

/**
 * The issued API tokens known to this instance, by hash and by id, as read from the compacted token
 * topic. Pure: the decision whether a presented token is valid now.
 */
public final class TokenBook {

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final Map<String, ApiToken> byId = new ConcurrentHashMap<>();

    /** Applies a record of the token topic; a null value (tombstone) or revoked=true revokes. */
    public void apply(String tokenId, ApiToken token) {
        ApiToken previous = byId.remove(tokenId);
        if (previous != null) {
            byHash.remove(previous.getHash());
        }
        if (token != null && !token.getRevoked()) {
            byId.put(tokenId, token);
            byHash.put(token.getHash(), token);
        }
    }

    public Optional<ApiToken> byId(String tokenId) {
        return Optional.ofNullable(byId.get(tokenId));
    }

    /** The caller a presented token stands for, if it is known, not revoked and not expired at {@code now}. */
    public Optional<Caller> verify(String presented, Instant now) {
        ApiToken token = byHash.get(TokenHash.sha256(presented));
        if (token == null || token.getRevoked() || (token.getExpiresAt() != null && !now.isBefore(token.getExpiresAt()))) {
            return Optional.empty();
        }
        return Role.fromWire(token.getRole()).map(role -> new Caller(Set.of(role), token.getSubject(),
                role == Role.PARTNER ? token.getSubject() : null));
    }
}
