package io.leadrelay.feedback.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.quarkus.runtime.Startup;

/**
 * The local stack's admin token from {@code LEADRELAY_ADMIN_TOKEN}. When none is configured a fresh one
 * is generated and printed once on the console (not through logging), as the contract says.
 */
@ApplicationScoped
// Built at start, not at the first request, so a generated token is printed before anyone needs it.
@Startup
public class AdminToken {

    private final String token;

    AdminToken(FeedbackConfig config) {
        Optional<String> configured = config.adminToken().map(String::strip).filter(t -> !t.isEmpty());
        this.token = configured.orElseGet(TokenHash::newToken);
        if (configured.isEmpty()) {
            System.out.println("LEADRELAY_ADMIN_TOKEN not set; generated admin token for this run: " + token);
        }
    }

    public Optional<Caller> verify(String presented) {
        return TokenHash.same(presented, token)
                ? Optional.of(new Caller(Set.of(Role.ADMIN), "local-admin", null))
                : Optional.empty();
    }
}
