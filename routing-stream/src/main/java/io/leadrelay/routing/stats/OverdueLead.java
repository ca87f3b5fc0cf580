package io.leadrelay.routing.stats;

/** A lead with an open deadline, as listed when the deadline has passed (times ISO-8601, owner may be null). */
public record OverdueLead(String leadId, String state, String ownerType, String ownerId, String deadline,
        String sourceChannel, String campaign) {
}
