package io.leadrelay.routing.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadrelay.routing.stats.query.StatsRequest;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;

/**
 * An independent computation of the dashboard figures from a list of lifecycle events: per lead, walk its events
 * in order and count directly — no rows, levels, merges or histograms — with exact quantiles. The replay tests
 * compare the stream's answers against this.
 */
final class StatsOracle {

    static final Map<String, BigDecimal> RATES = Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("0.92"),
            "GBP", new BigDecimal("1.17"));
    private static final Pattern PLAN = Pattern.compile("\"partners\":\\[([^\\]]*)\\]");
    static final Set<String> OPEN = Set.of("RECEIVED", "MQL", "NURTURE", "SQL", "DIRECT", "OFFERED", "ASSIGNED",
            "SALES_REVIEW", "ACCEPTED", "RETURNED", "EXPIRED");

    /** A lead's effective events: redeliveries and rejected events removed. */
    final Map<String, List<LifecycleEvent>> leads = new LinkedHashMap<>();

    StatsOracle(List<LifecycleEvent> delivered) {
        Set<String> seen = new HashSet<>();
        for (LifecycleEvent e : delivered) {
            if (e.getRejected() || !seen.add(e.getEventId())) {
                continue;
            }
            leads.computeIfAbsent(e.getLeadId(), k -> new ArrayList<>()).add(e);
        }
    }

    static LocalDate day(LifecycleEvent e) {
        return LocalDate.ofInstant(e.getAt(), ZoneOffset.UTC);
    }

    static boolean inRange(LocalDate d, StatsRequest r) {
        return (r.from() == null || !d.isBefore(r.from())) && (r.to() == null || !d.isAfter(r.to()));
    }

    static boolean dims(List<LifecycleEvent> events, StatsRequest r) {
        LifecycleEvent first = events.get(0);
        return (r.channel() == null || r.channel().equals(first.getSourceChannel()))
                && (r.campaign() == null || r.campaign().equals(first.getCampaign()));
    }

    static Long cents(Money m) {
        if (m == null) {
            return null;
        }
        BigDecimal rate = RATES.get(m.getCurrency());
        return rate == null ? null : m.getAmount().multiply(rate).setScale(2, RoundingMode.HALF_UP).unscaledValue()
                .longValueExact();
    }

    static String stage(String state) {
        return switch (state) {
            case "OFFERED", "ASSIGNED" -> "PARTNER";
            case "MQL", "SQL", "DIRECT", "ACCEPTED", "WON", "LOST", "DISQUALIFIED", "NURTURE" -> state;
            default -> null;
        };
    }

    static String returnCode(String reason) {
        for (String p : new String[] { "RETURNED:", "OFFER_DECLINED:" }) {
            if (reason.startsWith(p)) {
                return reason.substring(p.length());
            }
        }
        return null;
    }

    // ---- funnel -------------------------------------------------------------------------------------------

    record Funnel(long leads, Map<String, Long> entered, Map<String, Long> transitions, Map<String, Long> reached,
            Map<String, List<Long>> stageMillis, Map<String, Long> current, long wonCents) {
    }

    Funnel funnel(StatsRequest r) {
        long leadCount = 0;
        long wonCents = 0;
        Map<String, Long> entered = new TreeMap<>();
        Map<String, Long> transitions = new TreeMap<>();
        Map<String, Long> reached = new TreeMap<>();
        Map<String, List<Long>> stage = new TreeMap<>();
        Map<String, Long> current = new TreeMap<>();
        for (List<LifecycleEvent> events : leads.values()) {
            if (!dims(events, r)) {
                continue;
            }
            boolean cohort = inRange(day(events.get(0)), r);
            String prev = null;
            long since = 0;
            Set<String> stages = new TreeSet<>();
            for (LifecycleEvent e : events) {
                String to = e.getTo().name();
                if (!to.equals(prev)) {
                    if (inRange(day(e), r)) {
                        entered.merge(to, 1L, Long::sum);
                        transitions.merge((prev == null ? "NEW" : prev) + "->" + to, 1L, Long::sum);
                        if (prev != null) {
                            stage.computeIfAbsent(prev, k -> new ArrayList<>()).add(e.getAt().toEpochMilli() - since);
                        }
                    }
                    since = e.getAt().toEpochMilli();
                    prev = to;
                }
                if (stage(to) != null) {
                    stages.add(stage(to));
                }
                if ("NOT_A_LEAD".equals(returnCode(e.getReason()))) {
                    stages.add("NOT_A_LEAD");
                }
                if (cohort && "WON".equals(to)) {
                    Long c = cents(e.getValue());
                    wonCents += c == null ? 0 : c;
                }
            }
            current.merge(prev, 1L, Long::sum);
            if (cohort) {
                leadCount++;
                stages.forEach(s -> reached.merge(s, 1L, Long::sum));
            }
        }
        return new Funnel(leadCount, entered, transitions, reached, stage, current, wonCents);
    }

    /** Cohort figures per (channel, campaign) — the sources view. */
    Map<List<String>, Funnel> sources(StatsRequest r) {
        Map<List<String>, Funnel> out = new LinkedHashMap<>();
        Set<List<String>> dims = new java.util.LinkedHashSet<>();
        for (List<LifecycleEvent> events : leads.values()) {
            LifecycleEvent first = events.get(0);
            dims.add(java.util.Arrays.asList(first.getSourceChannel(), first.getCampaign()));
        }
        for (List<String> d : dims) {
            Funnel f = funnel(new StatsRequest(r.from(), r.to(), d.get(0), d.get(1), null, null));
            if (d.get(1) == null) {
                // a null campaign filter means "any"; count the leads without campaign by hand
                f = funnelWithoutCampaign(r, d.get(0));
            }
            if (f.leads() > 0) {
                out.put(d, f);
            }
        }
        return out;
    }

    private Funnel funnelWithoutCampaign(StatsRequest r, String channel) {
        StatsOracle only = new StatsOracle(List.of());
        leads.forEach((id, events) -> {
            if (events.get(0).getCampaign() == null) {
                only.leads.put(id, events);
            }
        });
        return only.funnel(new StatsRequest(r.from(), r.to(), channel, null, null, null));
    }

    // ---- partners ------------------------------------------------------------------------------------------

    static final class PartnerFigures {
        long offered, assigned, assignedDirect, accepted, slaExpired, offersExpired, escalated, won, lost, wonCents,
                open;
        Map<String, Long> returns = new TreeMap<>();
        List<Long> timeToAccept = new ArrayList<>();
    }

    Map<String, PartnerFigures> partners(StatsRequest r) {
        Map<String, PartnerFigures> out = new TreeMap<>();
        for (List<LifecycleEvent> events : leads.values()) {
            String prev = null;
            Set<String> holders = new TreeSet<>();
            Map<String, Long> deliveredAt = new TreeMap<>();
            for (LifecycleEvent e : events) {
                String to = e.getTo().name();
                boolean in = inRange(day(e), r);
                String reason = e.getReason();
                String actor = "PARTNER".equals(e.getActor().getType()) ? e.getActor().getId() : null;
                String code = returnCode(reason);
                String holder = holders.size() == 1 ? holders.iterator().next() : null;
                if (code != null && in) {
                    String p = actor != null ? actor : holder;
                    of(out, p).returns.merge(code, 1L, Long::sum);
                }
                if (to.equals("OFFERED") && !"OFFERED".equals(prev)) {
                    Matcher m = PLAN.matcher(e.getDetailsJson());
                    holders.clear();
                    if (m.find()) {
                        for (String p : m.group(1).replace("\"", "").split(",")) {
                            holders.add(p);
                            deliveredAt.put(p, e.getAt().toEpochMilli());
                            if (in) {
                                of(out, p).offered++;
                            }
                        }
                    }
                } else if (to.equals("OFFERED") && reason.startsWith("OFFER_DECLINED:")) {
                    holders.remove(actor);
                } else if (to.equals("ASSIGNED") && !"ASSIGNED".equals(prev)) {
                    String p = e.getOwnerId();
                    if (in) {
                        of(out, p).assigned++;
                    }
                    if (!"OFFERED".equals(prev)) {
                        deliveredAt.put(p, e.getAt().toEpochMilli());
                        if (in) {
                            of(out, p).assignedDirect++;
                        }
                    }
                    holders.clear();
                    holders.add(p);
                } else if (to.equals("ACCEPTED") && !"ACCEPTED".equals(prev)) {
                    String p = e.getOwnerId();
                    if (in) {
                        of(out, p).accepted++;
                        of(out, p).timeToAccept.add(e.getAt().toEpochMilli() - deliveredAt.get(p));
                    }
                    holders.clear();
                    holders.add(p);
                } else if (!Set.of("OFFERED", "ASSIGNED", "ACCEPTED").contains(to)) {
                    if (in) {
                        if (to.equals("EXPIRED") && reason.equals("SLA_EXPIRED")) {
                            of(out, holder).slaExpired++;
                        } else if ("OFFERED".equals(prev) && reason.equals("OFFER_EXPIRED")) {
                            holders.forEach(p -> of(out, p).offersExpired++);
                        } else if ("ACCEPTED".equals(prev) && reason.equals("NO_PROGRESS")) {
                            of(out, holder).escalated++;
                        } else if (to.equals("WON")) {
                            of(out, holder).won++;
                            Long c = cents(e.getValue());
                            of(out, holder).wonCents += c == null ? 0 : c;
                        } else if (to.equals("LOST")) {
                            of(out, holder).lost++;
                        }
                    }
                    holders.clear();
                }
                prev = to;
            }
            holders.forEach(p -> of(out, p).open++);
        }
        return out;
    }

    private static PartnerFigures of(Map<String, PartnerFigures> all, String partner) {
        return all.computeIfAbsent(Objects.requireNonNull(partner, "partner of the event"), k -> new PartnerFigures());
    }

    // ---- forecast ------------------------------------------------------------------------------------------

    record MonthFigures(Map<String, Long> openLeads, Map<String, Long> openCents, long wonLeads, long wonCents) {
    }

    Map<String, MonthFigures> forecast(StatsRequest r) {
        Map<String, MonthFigures> out = new TreeMap<>();
        for (List<LifecycleEvent> events : leads.values()) {
            if (!dims(events, r)) {
                continue;
            }
            Long value = null;
            String month = null;
            String state = null;
            for (LifecycleEvent e : events) {
                String to = e.getTo().name();
                if (e.getValue() != null && !to.equals("WON") && !to.equals("CUSTOMER")) {
                    value = cents(e.getValue());
                }
                if (e.getExpectedDecision() != null) {
                    month = YearMonth.from(e.getExpectedDecision()).toString();
                }
                if (to.equals("WON")) {
                    String wonMonth = YearMonth.from(day(e)).toString();
                    if (monthIn(wonMonth, r)) {
                        MonthFigures f = month(out, wonMonth);
                        Long c = cents(e.getValue());
                        out.put(wonMonth, new MonthFigures(f.openLeads, f.openCents, f.wonLeads + 1,
                                f.wonCents + (c == null ? 0 : c)));
                    }
                }
                state = to;
            }
            if (OPEN.contains(state) && month != null && monthIn(month, r)) {
                MonthFigures f = month(out, month);
                f.openLeads.merge(state, 1L, Long::sum);
                f.openCents.merge(state, value == null ? 0 : value, Long::sum);
            }
        }
        return out;
    }

    private static boolean monthIn(String month, StatsRequest r) {
        return (r.from() == null || month.compareTo(YearMonth.from(r.from()).toString()) >= 0)
                && (r.to() == null || month.compareTo(YearMonth.from(r.to()).toString()) <= 0);
    }

    private static MonthFigures month(Map<String, MonthFigures> all, String month) {
        return all.computeIfAbsent(month, m -> new MonthFigures(new TreeMap<>(), new TreeMap<>(), 0, 0));
    }

    /** Leads whose current state has a deadline before {@code nowMillis}, by deadline. */
    List<String> overdue(long nowMillis) {
        TreeMap<String, String> byDeadline = new TreeMap<>();
        leads.forEach((id, events) -> {
            LifecycleEvent last = events.get(events.size() - 1);
            if (last.getDeadline() != null && OPEN.contains(last.getTo().name())
                    && last.getDeadline().toEpochMilli() < nowMillis) {
                byDeadline.put(String.format("%013d|%s", last.getDeadline().toEpochMilli(), id), id);
            }
        });
        return new ArrayList<>(byDeadline.values());
    }

    /** Exact nearest-rank quantile in seconds. */
    static double quantileSeconds(List<Long> millis, double q) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
        return sorted.get(rank - 1) / 1000.0;
    }
}
