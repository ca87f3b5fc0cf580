package io.leadrelay.routing.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the aggregates need to remember about one lead (store {@code stats-lead-facts}), so each lifecycle event can
 * be turned into exact increments and decrements of the aggregate rows. No personal data.
 */
public final class LeadFacts {

    /** State as last seen, and since when (epoch millis). */
    public String state;
    public long since;
    /** Day of the lead's first event: the cohort its stage counters belong to. */
    public String cohortDay;
    public long firstAt;
    /** Encoded source channel and campaign as first seen; fixed so cohort rows stay consistent. */
    public String channel;
    public String campaign;
    /** Stages the lead has reached at least once (cohort counters count a lead once). */
    public TreeSet<String> reached = new TreeSet<>();
    /** Partners the lead is open with (offered, assigned or accepted), and when each got it. */
    public TreeMap<String, Long> holders = new TreeMap<>();
    /** When each partner was last offered or assigned the lead: start of its time to accept. */
    public TreeMap<String, Long> deliveredAt = new TreeMap<>();
    /** Lead value in EUR cents (expected volume, then the partner's progress value), null when unknown. */
    public Long valueCents;
    public String expectedMonth;
    /** The open-pipeline contribution currently counted in the forecast (month, state, cents), if any. */
    public String forecastMonth;
    public String forecastState;
    public long forecastCents;
    /** Deadline of the current state, indexed in {@code stats-deadlines}; null when none. */
    public Long deadline;
    public String ownerType;
    public String ownerId;
    public boolean offeredOnce;
    /** Ids of the lead's last events counted (a redelivered event changes nothing). */
    public List<String> eventIds = new ArrayList<>();
}
