package io.leadrelay.harness.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.deploy.DemoData;
import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.drive.InboxPolling;
import io.leadrelay.harness.drive.LeadDriver;
import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.drive.PartnerBehaviour;
import io.leadrelay.harness.drive.SimulatedPartners;
import io.leadrelay.harness.drive.StackApi;
import io.leadrelay.harness.world.LeadFactory;
import io.leadrelay.harness.world.LeadMix;
import io.leadrelay.harness.world.PartnerNetwork;
import io.leadrelay.schemas.PartnerProfile;

/**
 * The demo traffic of {@code run.sh --demo}: a trickle of synthetic leads through the ingest API and the demo
 * partners working their inboxes through the partner API — accepting, returning with reasons, closing won and
 * lost, and (the partners given a short accept SLA here) letting some deadlines pass. Every step is logged with the
 * lead id, so a person can follow a lead in {@code GET /api/v1/leads/{id}}. Every 30 seconds a summary, and a
 * check that no lead of the demo sits past its deadline.
 */
public final class Demo {

    /** Demo partners that get a short accept SLA through the admin API, so expiries happen while someone watches. */
    public static final Set<String> SHORT_SLA_PARTNERS = Set.of("p-muc-02", "p-ham-01", "p-ams-01");
    /** The shortest accept SLA the admin API takes. */
    public static final Duration SHORT_SLA = Duration.ofMinutes(5);
    /** Routing's SLA timer interval by default, plus a commit: how late a reclaim may be. */
    private static final Duration LATE = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final double rate;
    private final int companies;
    private final long seed;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    public Demo(LocalStack stack, double rate, int companies, long seed, PrintStream out) {
        this.stack = stack;
        this.rate = rate;
        this.companies = companies;
        this.seed = seed;
        this.out = out;
    }

    /** Runs until the process is stopped. */
    public void run() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
        ExecutorService http = Executors.newFixedThreadPool(4);
        StackApi api = StackApi.of(stack, http);
        Instant now = clock.instant();
        List<PartnerProfile> partners = new ArrayList<>();
        for (PartnerProfile partner : DemoData.partners(now)) {
            if (SHORT_SLA_PARTNERS.contains(partner.getPartnerId())) {
                PartnerProfile hurried = PartnerProfile.newBuilder(partner).setAcceptSla(SHORT_SLA.toString()).build();
                api.putPartner(hurried);
                partners.add(hurried);
            } else {
                partners.add(partner);
            }
        }
        PartnerNetwork network = new PartnerNetwork(partners);
        Map<String, String> tokens = new LinkedHashMap<>();
        network.active().forEach(p -> tokens.put(p.getPartnerId(), api.partnerToken(p.getPartnerId())));
        log("%d demo partners work their inboxes (%s with accept SLA %s); %s leads/s from %d companies",
                tokens.size(), String.join(", ", new java.util.TreeSet<>(SHORT_SLA_PARTNERS)), SHORT_SLA, rate, companies);

        Ledger ledger = new Ledger();
        Set<String> leads = ConcurrentHashMap.newKeySet();
        ledger.onAck((leadId, nanos) -> {
            leads.add(leadId);
            var lead = ledger.acked(leadId);
            if (lead != null) {
                var source = (Map<?, ?>) lead.lead().fields().get("source");
                log("lead %s from %s: %s, %s %s (%s)", leadId, source.get("channel"), lead.lead().fields().get("company"),
                        lead.lead().postalCode(), lead.lead().fields().get("city"), lead.lead().intent().name().toLowerCase());
            }
        });
        SimulatedPartners simulated = new SimulatedPartners(api, network, tokens, PartnerBehaviour.DEMO, ledger, scheduler,
                clock, seed);
        simulated.log(line -> log("partner %s", line));
        LeadFactory factory = new LeadFactory(DemoData.companies(companies, seed, now), network, LeadMix.DEMO,
                System.nanoTime(), "demo" + Long.toString(now.toEpochMilli(), 36), clock);
        LeadDriver driver = new LeadDriver(api::submit, ledger, scheduler, 16, Duration.ofMinutes(5));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        scheduler.scheduleAtFixedRate(() -> summary(api, ledger, leads), 30, 30, TimeUnit.SECONDS);
        try (InboxPolling polling = new InboxPolling(api, tokens, simulated, scheduler, 3)) {
            driver.drive(factory, 0, rate, () -> stop.getCount() == 0);
        }
    }

    private void summary(StackApi api, Ledger ledger, Set<String> leads) {
        try {
            Map<String, Integer> states = new java.util.TreeMap<>();
            List<String> sample = new ArrayList<>(leads);
            Collections.shuffle(sample);
            int late = 0;
            for (String leadId : sample.subList(0, Math.min(60, sample.size()))) {
                JsonNode view = api.lead(leadId);
                if (view == null) {
                    states.merge("(not routed)", 1, Integer::sum);
                    continue;
                }
                String state = view.path("state").asText();
                states.merge(state, 1, Integer::sum);
                String deadline = view.path("deadline").asText(null);
                if (deadline != null && !deadline.isBlank() && ("OFFERED".equals(state) || "ASSIGNED".equals(state))
                        && Instant.parse(deadline).plus(LATE).isBefore(clock.instant())) {
                    late++;
                    log("WARNING: lead %s is %s past its deadline %s", leadId, state, deadline);
                }
            }
            long ok = ledger.actions().stream().filter(a -> a.status() / 100 == 2).count();
            log("summary: %d leads acknowledged, %d partner actions (%d 2xx); states of %d sampled leads: %s; %d past their deadline",
                    ledger.ackedCount(), ledger.actionCount(), ok, Math.min(60, sample.size()), states, late);
        } catch (RuntimeException e) {
            log("summary failed: %s", e);
        }
    }

    private void log(String format, Object... args) {
        out.println(LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
    }
}
