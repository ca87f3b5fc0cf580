package io.leadrelay.routing.partner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.leadrelay.schemas.AssignmentEvent;

/**
 * A partner's load and track record, learned only from this stream's own answers on leads.assignments.
 *
 * @param openLeads leads currently offered, assigned or accepted to the partner
 * @param deliveriesByDay offers and assignments per epoch day, kept for the fairness window
 * @param deliveries offers and assignments ever
 * @param returnsByReason returns the partner made, by reason code
 */
public record PartnerStats(String partnerId, Set<String> openLeads, Map<Long, Integer> deliveriesByDay, long deliveries,
        long accepted, long reclaimed, Map<String, Long> returnsByReason, long won, long lost) {

    public static PartnerStats empty(String partnerId) {
        return new PartnerStats(partnerId, Set.of(), Map.of(), 0, 0, 0, Map.of(), 0, 0);
    }

    public int openLeadCount() {
        return openLeads.size();
    }

    /** Offers and assignments on or after the day of {@code windowStart}. */
    public long deliveriesSince(Instant windowStart) {
        long firstDay = windowStart.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        return deliveriesByDay.entrySet().stream().filter(e -> e.getKey() >= firstDay).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** The stats after one assignment event addressed to this partner; days older than {@code keep} are dropped. */
    public PartnerStats apply(AssignmentEvent event, Duration keep) {
        Set<String> open = new TreeSet<>(openLeads);
        Map<Long, Integer> byDay = new TreeMap<>(deliveriesByDay);
        Map<String, Long> returns = new TreeMap<>(returnsByReason);
        long newDeliveries = deliveries;
        long newAccepted = accepted;
        long newReclaimed = reclaimed;
        long newWon = won;
        long newLost = lost;
        String lead = event.getLeadId();
        switch (event.getType()) {
            case OFFERED, ASSIGNED -> {
                if (open.add(lead)) {
                    newDeliveries++;
                    byDay.merge(event.getAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(), 1, Integer::sum);
                }
            }
            case ACCEPTED -> {
                open.add(lead);
                newAccepted++;
            }
            case WITHDRAWN, ERASED -> open.remove(lead);
            case RECLAIMED -> {
                open.remove(lead);
                newReclaimed++;
            }
            case RETURNED -> {
                open.remove(lead);
                returns.merge(String.valueOf(event.getReason()), 1L, Long::sum);
            }
            case CLOSED -> {
                open.remove(lead);
                if ("WON".equals(event.getReason())) {
                    newWon++;
                } else {
                    newLost++;
                }
            }
            default -> {
                return this;
            }
        }
        long oldestDay = event.getAt().minus(keep).atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        byDay.keySet().removeIf(day -> day < oldestDay);
        return new PartnerStats(partnerId, open, byDay, newDeliveries, newAccepted, newReclaimed, returns, newWon,
                newLost);
    }
}
