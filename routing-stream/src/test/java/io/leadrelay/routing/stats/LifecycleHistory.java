package io.leadrelay.routing.stats;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.ReturnReason;

/**
 * A generated, plausible lifecycle history: leads from several sources through qualification, offers and
 * assignments (declines, returns by every reason code, SLA expiries, escalations), progress updates, wins, losses
 * and erasures, interleaved by time — plus redelivered and rejected events, which must change nothing.
 */
public final class LifecycleHistory {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final String[] CHANNELS = { "web-form", "google-ads", "meta-lead-ads", "list-import" };
    static final String[] CAMPAIGNS = { "autumn-fair", "spring", null, "a|b%c" };

    private final Random random;
    private final String prefix;
    private final List<String> partners;
    private final List<LifecycleEvent> events = new ArrayList<>();

    private LifecycleHistory(long seed, String prefix, int partnerCount) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.partners = new ArrayList<>();
        for (int i = 0; i < partnerCount; i++) {
            partners.add(prefix + "p-" + i);
        }
    }

    /** {@code leads} leads' events (delivery order, no redeliveries), ids starting with {@code leadPrefix}. */
    public static List<LifecycleEvent> leads(long seed, String leadPrefix, int leads, int partnerCount) {
        LifecycleHistory h = new LifecycleHistory(seed, "", partnerCount);
        for (int i = 0; i < leads; i++) {
            h.lead(leadPrefix + i);
        }
        h.events.sort(Comparator.comparing(LifecycleEvent::getAt));
        return h.events;
    }

    /**
     * At least {@code minEvents} events (delivery order), of leads whose ids, source channels and partner ids start
     * with {@code prefix}.
     */
    public static List<LifecycleEvent> generate(long seed, String prefix, int minEvents, int partnerCount) {
        LifecycleHistory h = new LifecycleHistory(seed, prefix, partnerCount);
        int lead = 0;
        while (h.events.size() < minEvents) {
            h.lead(prefix + "lead-" + lead++);
        }
        List<LifecycleEvent> ordered = new ArrayList<>(h.events);
        ordered.sort(Comparator.comparing(LifecycleEvent::getAt));
        // redeliveries: ~2 % of the events a second time, somewhat later in the stream
        Map<Integer, List<LifecycleEvent>> again = new HashMap<>();
        for (int i = 0; i < ordered.size(); i += 50) {
            again.computeIfAbsent(Math.min(ordered.size() - 1, i + 1 + h.random.nextInt(200)), k -> new ArrayList<>())
                    .add(LifecycleEvent.newBuilder(ordered.get(i)).build());
        }
        List<LifecycleEvent> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            out.add(ordered.get(i));
            out.addAll(again.getOrDefault(i, List.of()));
        }
        return out;
    }


    private final class Lead {
        final String id;
        final String channel = prefix + CHANNELS[random.nextInt(CHANNELS.length)];
        final String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
        LeadState state;
        Instant at;
        int attempts;
        String owner;
        List<String> offered = new ArrayList<>();
        Money value;
        LocalDate expected;

        Lead(String id) {
            this.id = id;
            this.at = START.plus(Duration.ofMinutes(random.nextInt(90 * 24 * 60)));
            int r = random.nextInt(10);
            this.value = r == 0 ? null : r == 1 ? money(random.nextInt(500) * 1000, "USD")
                    : r == 2 ? money(random.nextInt(500) * 1000, "JPY") : money(random.nextInt(900) * 1000 + 5000, "EUR");
            this.expected = random.nextInt(8) == 0 ? null
                    : LocalDate.of(2026, 3, 31).plusMonths(random.nextInt(15)).withDayOfMonth(28);
        }

        LifecycleEvent.Builder event(LeadState to, String reason, Actor actor) {
            at = at.plus(Duration.ofSeconds(1 + (long) Math.abs(random.nextGaussian() * 3 * 24 * 3600)));
            LifecycleEvent.Builder b = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setLeadId(id).setFrom(state).setTo(to).setReason(reason).setActor(actor).setAt(at)
                    .setOwnerType(OwnerType.NONE).setAttempt(attempts).setSourceChannel(channel).setCampaign(campaign)
                    .setValue(value).setExpectedDecision(expected);
            return b;
        }

        void emit(LifecycleEvent.Builder b) {
            LifecycleEvent e = b.build();
            events.add(e);
            if (random.nextInt(60) == 0) {
                // a refused action: recorded, changes nothing
                events.add(LifecycleEvent.newBuilder(e).setEventId(UUID.randomUUID().toString()).setFrom(e.getTo())
                        .setRejected(true).setReason("ACCEPT_REJECTED:NOT_HOLDER")
                        .setAt(e.getAt().plusSeconds(30)).build());
            }
            state = e.getTo();
        }

        void to(LeadState to, String reason) {
            emit(event(to, reason, rule()));
        }
    }

    private void lead(String id) {
        Lead l = new Lead(id);
        l.to(LeadState.RECEIVED, "RECEIVED");
        int r = random.nextInt(10);
        if (r < 2) {
            l.to(LeadState.NURTURE, "DECISION_TOO_FAR");
            if (random.nextBoolean()) {
                return;
            }
            l.to(LeadState.MQL, "WINDOW_OPENED");
        } else if (r < 3) {
            l.to(LeadState.DISQUALIFIED, "NO_CONSENT");
            return;
        } else {
            l.to(LeadState.MQL, "MQL_CRITERIA_MET");
        }
        r = random.nextInt(20);
        if (r < 3) {
            l.to(LeadState.NURTURE, "SALES_NURTURE");
            return;
        }
        if (r < 6) {
            l.to(LeadState.DISQUALIFIED, "SALES_DISQUALIFIED");
            return;
        }
        l.to(LeadState.SQL, "SQL_CRITERIA_MET");
        r = random.nextInt(20);
        if (r < 3) {
            l.to(LeadState.DIRECT, "REVENUE_ABOVE_THRESHOLD");
            return;
        }
        if (r < 5) {
            l.to(LeadState.SALES_REVIEW, "NO_ELIGIBLE_PARTNER");
            if (random.nextBoolean()) {
                return;
            }
        }
        partnerStage(l);
        if (random.nextInt(50) == 0) {
            l.emit(l.event(LeadState.ERASED, "ERASED", new Actor("ADMIN", "privacy")).setValue(null));
        }
    }

    private void partnerStage(Lead l) {
        while (true) {
            l.attempts++;
            List<String> shuffled = new ArrayList<>(partners);
            java.util.Collections.shuffle(shuffled, random);
            if (random.nextBoolean()) {
                l.offered = new ArrayList<>(shuffled.subList(0, 1 + random.nextInt(3)));
                l.offered.sort(null);
                LifecycleEvent.Builder b = l.event(LeadState.OFFERED, "OFFERED:GRADE_B", rule())
                        .setOwnerType(OwnerType.PARTNER)
                        .setDetailsJson("{\"plan\":{\"mode\":\"OFFER\",\"partners\":[\""
                                + String.join("\",\"", l.offered) + "\"]},\"ruleVersion\":\"routing-rules/1\"}");
                b.setDeadline(b.getAt().plus(Duration.ofHours(48)));
                l.emit(b);
                if (random.nextInt(25) == 0) {
                    return; // still open: past its deadline once the history has moved on
                }
                while (l.offered.size() > 1 && random.nextInt(3) == 0) {
                    String p = l.offered.remove(random.nextInt(l.offered.size()));
                    l.emit(l.event(LeadState.OFFERED, "OFFER_DECLINED:" + reason(), partner(p))
                            .setOwnerType(OwnerType.PARTNER));
                }
                int r = random.nextInt(10);
                if (r < 2) {
                    l.to(LeadState.SALES_REVIEW, "OFFER_EXPIRED");
                    return;
                }
                if (r < 3 && l.offered.size() == 1) {
                    if (!returned(l, l.offered.get(0))) {
                        return;
                    }
                    continue;
                }
                l.owner = l.offered.get(random.nextInt(l.offered.size()));
                l.emit(l.event(LeadState.ASSIGNED, "OFFER_ACCEPTED_FIRST", partner(l.owner))
                        .setOwnerType(OwnerType.PARTNER).setOwnerId(l.owner));
                accepted(l);
                return;
            }
            l.owner = shuffled.get(0);
            LifecycleEvent.Builder b = l.event(LeadState.ASSIGNED, "ASSIGNED:GRADE_A", rule())
                    .setOwnerType(OwnerType.PARTNER).setOwnerId(l.owner);
            b.setDeadline(b.getAt().plus(Duration.ofHours(48)));
            l.emit(b);
            if (random.nextInt(25) == 0) {
                return;
            }
            int r = random.nextInt(10);
            if (r < 6) {
                accepted(l);
                return;
            }
            if (r < 8) {
                if (!returned(l, l.owner)) {
                    return;
                }
                continue;
            }
            l.emit(l.event(LeadState.EXPIRED, "SLA_EXPIRED", rule()).setOwnerType(OwnerType.SALES));
            if (l.attempts >= 3) {
                l.to(LeadState.SALES_REVIEW, "ATTEMPTS_EXHAUSTED");
                return;
            }
        }
    }

    private void accepted(Lead l) {
        LifecycleEvent.Builder b = l.event(LeadState.ACCEPTED, "ACCEPTED", partner(l.owner))
                .setOwnerType(OwnerType.PARTNER).setOwnerId(l.owner);
        b.setDeadline(b.getAt().plus(Duration.ofDays(14)));
        l.emit(b);
        for (int i = random.nextInt(3); i > 0; i--) {
            l.value = money(random.nextInt(300) * 1000 + 1000, "EUR");
            l.expected = LocalDate.of(2026, 4, 30).plusMonths(random.nextInt(12)).withDayOfMonth(15);
            LifecycleEvent.Builder p = l.event(LeadState.ACCEPTED, "PROGRESS_RECORDED", partner(l.owner))
                    .setOwnerType(OwnerType.PARTNER).setOwnerId(l.owner);
            p.setDeadline(p.getAt().plus(Duration.ofDays(14)));
            l.emit(p);
        }
        if (random.nextInt(25) == 0) {
            return;
        }
        int r = random.nextInt(20);
        if (r < 8) {
            Money won = random.nextInt(5) == 0 ? money(random.nextInt(100) * 1000, "GBP")
                    : money(random.nextInt(400) * 1000 + 500, "EUR");
            l.emit(l.event(LeadState.WON, "WON", partner(l.owner)).setOwnerType(OwnerType.PARTNER)
                    .setOwnerId(l.owner).setValue(won));
            l.emit(l.event(LeadState.CUSTOMER, "HANDED_TO_CUSTOMER_MARKETING", rule())
                    .setOwnerType(OwnerType.CUSTOMER_MARKETING).setValue(won));
        } else if (r < 13) {
            l.emit(l.event(LeadState.LOST, "LOST:PRICE", partner(l.owner)).setOwnerType(OwnerType.PARTNER)
                    .setOwnerId(l.owner));
            l.to(LeadState.NURTURE, "LOST");
        } else if (r < 16) {
            returned(l, l.owner);
        } else {
            l.to(LeadState.SALES_REVIEW, "NO_PROGRESS");
        }
    }

    /** @return true when the lead goes to the next partner */
    private boolean returned(Lead l, String partner) {
        ReturnReason reason = ReturnReason.valueOf(reason());
        l.emit(l.event(LeadState.RETURNED, "RETURNED:" + reason, partner(partner)).setOwnerType(OwnerType.SALES));
        switch (reason) {
            case NOT_A_LEAD -> l.to(LeadState.DISQUALIFIED, "NOT_A_LEAD");
            case NOT_READY -> l.to(LeadState.NURTURE, "NOT_READY");
            case DUPLICATE -> l.to(LeadState.MERGED, "DUPLICATE");
            case UNREACHABLE, OTHER -> l.to(LeadState.SALES_REVIEW, reason.name());
            default -> {
                if (l.attempts >= 3) {
                    l.to(LeadState.SALES_REVIEW, "ATTEMPTS_EXHAUSTED");
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    private String reason() {
        ReturnReason[] all = ReturnReason.values();
        return all[random.nextInt(all.length)].name();
    }

    private static Actor rule() {
        return new Actor("RULE", "rule:test");
    }

    private static Actor partner(String id) {
        return new Actor("PARTNER", id);
    }

    private static Money money(long amount, String currency) {
        return new Money(BigDecimal.valueOf(amount).setScale(2), currency);
    }
}
