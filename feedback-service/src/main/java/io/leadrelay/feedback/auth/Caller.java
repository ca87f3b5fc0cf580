package io.leadrelay.feedback.auth;

import java.util.Set;

/**
 * An authenticated caller. {@code partnerId} is set only for partner credentials and is the only
 * source of a partner's identity: request bodies never name it.
 */
public record Caller(Set<Role> roles, String subject, String partnerId) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Actor id for records: the partner id for partners, the user id otherwise. */
    public String actorId() {
        return partnerId != null ? partnerId : subject;
    }
}
