package io.leadrelay.routing.stats.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.leadrelay.routing.stats.Durations;
import io.leadrelay.routing.stats.LeadStatsTracker;
import io.leadrelay.routing.stats.OverdueLead;
import io.leadrelay.routing.stats.RowKeys;
import io.leadrelay.routing.stats.StatsSettings;
import io.leadrelay.routing.stats.Tally;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.ReturnReason;

/** Turns a merged {@link Partial} into the JSON of a stats view: rates, quantiles, EUR amounts, sorted rows. */
public final class StatsRenderer {

    /** Name and capacity of a partner from the partner directory. */
    public record PartnerInfo(String name, int capacity, boolean active) {
    }

    /** Funnel stages whose conversion is reported, in order: each rate is reached(to) / reached(from). */
    static final List<String[]> CONVERSIONS = List.of(new String[] { "RECEIVED", "MQL" },
            new String[] { "MQL", "SQL" }, new String[] { "SQL", "PARTNER" }, new String[] { "PARTNER", "ACCEPTED" },
            new String[] { "ACCEPTED", "WON" }, new String[] { "RECEIVED", "WON" });

    private final StatsSettings settings;

    public StatsRenderer(StatsSettings settings) {
        this.settings = settings;
    }

    public Map<String, Object> render(StatsView view, Partial p, StatsRequest r, Map<String, PartnerInfo> directory) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.from() == null ? null : r.from().toString());
        out.put("to", r.to() == null ? null : r.to().toString());
        Map<String, String> filters = new LinkedHashMap<>();
        if (r.channel() != null) {
            filters.put("channel", r.channel());
        }
        if (r.campaign() != null) {
            filters.put("campaign", r.campaign());
        }
        if (r.partner() != null) {
            filters.put("partner", r.partner());
        }
        out.put("filters", filters);
        switch (view) {
            case FUNNEL -> funnel(p, r, out);
            case SOURCES -> out.put("sources", sources(p));
            case PARTNERS -> out.put("partners", partners(p, r, directory));
            case FORECAST -> forecast(p, out);
            case OVERDUE -> out.put("leads", overdue(p, settings.overdueLimit()));
        }
        return out;
    }

    private void funnel(Partial p, StatsRequest r, Map<String, Object> out) {
        Tally total = p.groups.getOrDefault(StatsView.TOTAL, new Tally());
        Tally current = p.groups.getOrDefault(StatsView.CURRENT, new Tally());
        out.put("leads", total.count("leads"));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (LeadState s : LeadState.values()) {
            if (s == LeadState.UNKNOWN) {
                continue;
            }
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("state", s.name());
            stage.put("entered", total.count("entered." + s.name()));
            stage.put("current", current.count("state." + s.name()));
            stage.put("timeInStage", durations(total.histogram("stage." + s.name())));
            stages.add(stage);
        }
        out.put("stages", stages);
        List<Map<String, Object>> transitions = new ArrayList<>();
        total.counts().forEach((name, n) -> {
            if (name.startsWith("transition.")) {
                String[] ft = name.substring("transition.".length()).split("->", 2);
                transitions.add(ordered("from", ft[0], "to", ft[1], "count", n));
            }
        });
        transitions.sort(Comparator.comparing((Map<String, Object> m) -> -((Long) m.get("count"))));
        out.put("transitions", transitions);
        List<Map<String, Object>> conversion = new ArrayList<>();
        for (String[] c : CONVERSIONS) {
            long from = reached(total, c[0]);
            long to = reached(total, c[1]);
            conversion.add(ordered("from", c[0], "to", c[1], "leads", from, "converted", to, "rate", rate(to, from)));
        }
        out.put("conversion", conversion);
        if (r.granularity() != null) {
            List<Map<String, Object>> buckets = new ArrayList<>();
            p.groups.forEach((group, t) -> {
                if (group.startsWith(StatsView.SERIES)) {
                    Map<String, Long> entered = new TreeMap<>();
                    t.counts().forEach((name, n) -> {
                        if (name.startsWith("entered.")) {
                            entered.put(name.substring("entered.".length()), n);
                        }
                    });
                    buckets.add(ordered("bucket", group.substring(StatsView.SERIES.length()), "leads",
                            t.count("leads"), "entered", entered));
                }
            });
            out.put("series", ordered("granularity", r.granularity().name().toLowerCase(java.util.Locale.ROOT),
                    "buckets", buckets));
        }
    }

    private static long reached(Tally t, String stage) {
        return "RECEIVED".equals(stage) ? t.count("leads") : t.count("reached." + stage);
    }

    private List<Map<String, Object>> sources(Partial p) {
        List<Map<String, Object>> rows = new ArrayList<>();
        p.groups.forEach((group, t) -> {
            List<String> dims = RowKeys.split(group);
            long leads = t.count("leads");
            long won = t.count("reached.WON");
            long lost = t.count("reached.LOST");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("channel", dims.get(0));
            row.put("campaign", dims.get(1));
            row.put("leads", leads);
            row.put("mql", t.count("reached.MQL"));
            row.put("mqlRate", rate(t.count("reached.MQL"), leads));
            row.put("sql", t.count("reached.SQL"));
            row.put("sqlRate", rate(t.count("reached.SQL"), leads));
            row.put("notALead", t.count("reached.NOT_A_LEAD"));
            row.put("notALeadRate", rate(t.count("reached.NOT_A_LEAD"), leads));
            row.put("won", won);
            row.put("lost", lost);
            row.put("winRate", rate(won, won + lost));
            row.put("wonValue", eur(t.count("won.cents")));
            rows.add(row);
        });
        rows.sort(Comparator.comparing((Map<String, Object> m) -> -((Long) m.get("leads")))
                .thenComparing(m -> (String) m.get("channel")).thenComparing(m -> (String) m.get("campaign")));
        return rows;
    }

    private List<Map<String, Object>> partners(Partial p, StatsRequest r, Map<String, PartnerInfo> directory) {
        TreeSet<String> ids = new TreeSet<>();
        p.groups.keySet().forEach(g -> ids.add(g.substring(2)));
        if (r.partner() == null) {
            ids.addAll(directory.keySet());
        } else if (directory.containsKey(r.partner())) {
            ids.add(r.partner());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : ids) {
            Tally t = p.groups.getOrDefault(StatsView.RANGE + id, new Tally());
            long open = p.groups.getOrDefault(StatsView.OPEN + id, new Tally()).count("open");
            PartnerInfo info = directory.get(id);
            long offered = t.count("offered");
            long accepted = t.count("accepted");
            long won = t.count("won");
            long lost = t.count("lost");
            Map<String, Long> returns = new LinkedHashMap<>();
            long returned = 0;
            for (ReturnReason reason : ReturnReason.values()) {
                long n = t.count("returned." + reason.name());
                returns.put(reason.name(), n);
                returned += n;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("partnerId", id);
            row.put("name", info == null ? null : info.name());
            row.put("active", info == null ? null : info.active());
            row.put("offered", offered);
            row.put("assigned", t.count("assigned"));
            row.put("accepted", accepted);
            row.put("acceptanceRate", rate(accepted, offered + t.count("assignedDirect")));
            row.put("timeToAccept", durations(t.histogram("timeToAccept")));
            row.put("returned", returned);
            row.put("returns", returns);
            row.put("slaExpired", t.count("slaExpired"));
            row.put("offersExpired", t.count("offersExpired"));
            row.put("escalated", t.count("escalated"));
            row.put("slaBreaches", t.count("slaExpired") + t.count("offersExpired") + t.count("escalated"));
            row.put("won", won);
            row.put("lost", lost);
            row.put("winRate", rate(won, won + lost));
            row.put("wonValue", eur(t.count("won.cents")));
            row.put("open", open);
            row.put("capacity", info == null ? null : info.capacity());
            row.put("utilisation", info == null || info.capacity() <= 0 ? null : rate(open, info.capacity()));
            rows.add(row);
        }
        return rows;
    }

    private void forecast(Partial p, Map<String, Object> out) {
        List<Map<String, Object>> months = new ArrayList<>();
        long openCents = 0;
        double weightedCents = 0;
        long wonCents = 0;
        for (Map.Entry<String, Tally> e : p.groups.entrySet()) {
            Tally t = e.getValue();
            Map<String, Object> byState = new LinkedHashMap<>();
            long monthOpen = 0;
            long monthLeads = 0;
            double monthWeighted = 0;
            for (LeadState s : LeadState.values()) {
                if (!LeadStatsTracker.OPEN_STATES.contains(s.name())) {
                    continue;
                }
                long leads = t.count("open." + s.name() + ".leads");
                long cents = t.count("open." + s.name() + ".cents");
                if (leads == 0 && cents == 0) {
                    continue;
                }
                double probability = settings.probability(s.name());
                byState.put(s.name(), ordered("leads", leads, "value", eur(cents), "probability", probability,
                        "weightedValue", eur(Math.round(cents * probability))));
                monthOpen += cents;
                monthLeads += leads;
                monthWeighted += cents * probability;
            }
            long won = t.count("won.cents");
            if (monthLeads == 0 && monthOpen == 0 && t.count("won.leads") == 0) {
                continue;
            }
            months.add(ordered("month", e.getKey(), "openLeads", monthLeads, "openValue", eur(monthOpen),
                    "weightedValue", eur(Math.round(monthWeighted)), "byState", byState, "wonLeads",
                    t.count("won.leads"), "wonValue", eur(won)));
            openCents += monthOpen;
            weightedCents += monthWeighted;
            wonCents += won;
        }
        out.put("months", months);
        out.put("totals", ordered("openValue", eur(openCents), "weightedValue", eur(Math.round(weightedCents)),
                "wonValue", eur(wonCents)));
        out.put("probabilities", new TreeMap<>(settings.probabilities()));
    }

    private static List<OverdueLead> overdue(Partial p, int limit) {
        List<OverdueLead> leads = new ArrayList<>(p.overdue);
        leads.sort(Comparator.comparing(OverdueLead::deadline).thenComparing(OverdueLead::leadId));
        return leads.subList(0, Math.min(leads.size(), limit));
    }

    private static Map<String, Object> durations(long[] histogram) {
        return ordered("count", Durations.total(histogram), "medianSeconds", Durations.quantileSeconds(histogram, 0.5),
                "p90Seconds", Durations.quantileSeconds(histogram, 0.9));
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    static BigDecimal eur(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
