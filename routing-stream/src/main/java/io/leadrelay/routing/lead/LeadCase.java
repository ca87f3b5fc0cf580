package io.leadrelay.routing.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.ReturnReason;

/**
 * The routing state of one lead, owned by the single task that sees all of the lead's events in order. Mutable on
 * purpose: the router loads it, changes it while handling one record, and stores it once. Holds no PII.
 */
public final class LeadCase {

    public String leadId;
    public LeadState state;
    public OwnerType ownerType = OwnerType.SALES;
    /** Holding partner (ASSIGNED, ACCEPTED), or null. */
    public String ownerId;
    /** Partner → its accept deadline (epoch millis), while OFFERED. */
    public Map<String, Long> openOffers = new TreeMap<>();
    /** Deadline of the current state (epoch millis): accept, progress or escalation. */
    public Long deadline;
    /** The deadline currently in the SLA index, so a changed deadline replaces its index entry. */
    public Long indexedDeadline;
    /** Partner attempts: each assignment or offer round is one. */
    public int attempts;
    /** Every partner that was offered or assigned the lead; never offered it again. */
    public List<String> triedPartners = new ArrayList<>();
    /** Partners whose offer expired unanswered: their late actions are answered DEADLINE_PASSED. */
    public List<String> expiredOffers = new ArrayList<>();
    public List<ReturnReason> returnReasons = new ArrayList<>();
    public boolean reminderSent;
    public Grade grade;
    public String sourceChannel;
    public String campaign;
    public boolean erased;

    public boolean isHeldBy(String partnerId) {
        return partnerId != null && partnerId.equals(ownerId)
                && (state == LeadState.ASSIGNED || state == LeadState.ACCEPTED);
    }

    public boolean isOfferedTo(String partnerId) {
        return state == LeadState.OFFERED && partnerId != null && openOffers.containsKey(partnerId);
    }
}
