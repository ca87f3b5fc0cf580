package io.leadrelay.harness.load;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.drive.LeadDriver;
import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.drive.PartnerBehaviour;
import io.leadrelay.harness.drive.SimulatedPartners;
import io.leadrelay.harness.drive.StackApi;
import io.leadrelay.harness.measure.Arrivals;
import io.leadrelay.harness.measure.PipelineWatch;
import io.leadrelay.harness.measure.ProcessMeter;
import io.leadrelay.harness.world.LeadFactory;
import io.leadrelay.harness.world.LeadMix;
import io.leadrelay.harness.world.PartnerNetwork;
import io.leadrelay.harness.world.WorldLoader;
import io.leadrelay.schemas.CompanyProfile;

/**
 * The end-to-end load benchmark: reference data (partners, companies), a warm-up, then leads through the ingest
 * API at a rate (or as fast as it answers) with simulated partners answering every offer through the partner API;
 * then the same records through the {@link Baseline} on the same broker. Prints progress while it runs.
 */
public final class LoadRun {

    /** The stack's processes measured by /proc, by their run.sh names. */
    public static final List<String> PROCESSES = List.of("broker", "registry", "ingest-service", "qualification-stream",
            "routing-stream", "feedback-service");

    /**
     * @param leads       leads in the measurement
     * @param rate        leads per second; 0 = as fast as the API answers with {@code maxInFlight} in flight
     * @param warmup      leads before the measurement (JIT, caches, partner stores), not counted
     * @param partners    partners in the generated network
     * @param companies   companies in the company source
     * @param drain       longest wait, after the last acknowledgement, for the last lead to arrive
     * @param baseline    whether to measure the baseline in the same run
     */
    public record Options(long leads, double rate, long warmup, int maxInFlight, int partners, int companies, long seed,
            Duration drain, boolean baseline) {
    }

    private final LocalStack stack;
    private final Options options;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();
    private final ProcessMeter meter = new ProcessMeter();

    public LoadRun(LocalStack stack, Options options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
    }

    public Report run() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        ExecutorService http = Executors.newFixedThreadPool(8);
        try {
            StackApi api = StackApi.of(stack, http);
            Instant now = clock.instant();
            PartnerNetwork network = PartnerNetwork.generate(options.partners(), options.seed(), 1_000_000, 0,
                    Duration.ofHours(48), now);
            out.printf("loading %d partners and %d companies%n", network.partners().size(), options.companies());
            WorldLoader.World world = WorldLoader.load(stack, api, network, options.companies(), options.seed(), now);
            List<CompanyProfile> companies = world.companies();
            Map<String, String> tokens = world.tokens();
            out.printf("issued %d partner tokens%n", tokens.size());

            String runTag = "lh" + Long.toString(now.toEpochMilli(), 36);
            LeadFactory factory = new LeadFactory(companies, network, LeadMix.LOAD, options.seed(), runTag, clock);
            if (options.warmup() > 0) {
                out.printf("warm-up: %d leads%n", options.warmup());
                measure("warm-up", api, network, tokens, factory, scheduler, http, options.warmup(),
                        options.rate() > 0 ? options.rate() : 0, Duration.ofMinutes(3));
            }
            out.printf("measuring: %d leads at %s%n", options.leads(),
                    options.rate() > 0 ? options.rate() + " leads/s" : "full speed (" + options.maxInFlight() + " in flight)");
            Measured leadrelay = measure("leadrelay", api, network, tokens, factory, scheduler, http, options.leads(),
                    options.rate(), options.drain());
            Map<String, String> streamsMetrics = leadrelay.streamsMetrics;

            Figures baseline = null;
            if (options.baseline()) {
                out.println("baseline: the same records through an HTTP endpoint that only produces to Kafka, then two "
                        + "exactly-once pass-through Kafka Streams hops, on the same broker");
                LeadFactory same = new LeadFactory(companies, network, LeadMix.LOAD, options.seed(), runTag + "b", clock);
                baseline = new Baseline(stack, meter, options, out, scheduler).run(same);
            }
            return new Report(options, leadrelay.figures, leadrelay.ledger, leadrelay.partnerLedger, baseline, streamsMetrics,
                    Instant.now(clock));
        } finally {
            scheduler.shutdownNow();
            http.shutdownNow();
        }
    }

    private record Measured(Figures figures, Ledger ledger, Ledger partnerLedger, Map<String, String> streamsMetrics) {
    }

    private Measured measure(String name, StackApi api, PartnerNetwork network, Map<String, String> tokens,
            LeadFactory factory, ScheduledExecutorService scheduler, ExecutorService http, long leads, double rate,
            Duration drain) throws Exception {
        Ledger ledger = new Ledger();
        // The partners' actions of this phase only (a warm-up lead re-offered now is answered here too).
        Ledger partnerLedger = new Ledger();
        SimulatedPartners partners = new SimulatedPartners(api, network, tokens, PartnerBehaviour.LOAD, partnerLedger,
                scheduler, clock, options.seed() + name.hashCode());
        Arrivals routed = new Arrivals();
        ledger.onAck(routed::acked);
        LeadDriver driver = new LeadDriver(api::submit, ledger, scheduler, options.maxInFlight(), Duration.ofMinutes(2));
        try (PipelineWatch watch = new PipelineWatch(stack.kafkaBootstrap(), stack.registryUrl(), routed, partners, http).start()) {
            Map<String, ProcessMeter.Usage> before = meter.sample(pids());
            long started = System.nanoTime();
            Map<String, String> streamsMetrics = new java.util.concurrent.ConcurrentHashMap<>();
            // Kafka Streams' thread metrics half-way through, when the pipeline is at its steady pace.
            ScheduledFuture<?> midway = scheduler.scheduleAtFixedRate(() -> {
                if (streamsMetrics.isEmpty() && ledger.ackedCount() >= leads / 2) {
                    for (String module : List.of("qualification-stream", "routing-stream")) {
                        stack.serviceUrl(module).ifPresent(url -> streamsMetrics.put(module, api.metrics(url)));
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            ScheduledFuture<?> progress = scheduler.scheduleAtFixedRate(new Progress(name, ledger, routed, watch, partners, started),
                    5, 5, TimeUnit.SECONDS);
            try {
                driver.drive(factory, leads, rate, () -> false);
                long expected = ledger.acked().values().stream().filter(a -> a.lead().expectsRouting()).count();
                long lastChange = System.nanoTime();
                long seen = routed.among(ledger.acked().keySet()).count();
                while (seen < expected && System.nanoTime() - lastChange < drain.toNanos()) {
                    Thread.sleep(200);
                    long now = routed.among(ledger.acked().keySet()).count();
                    if (now != seen) {
                        seen = now;
                        lastChange = System.nanoTime();
                    }
                }
                Arrivals.Among arrived = routed.among(ledger.acked().keySet());
                Map<String, ProcessMeter.Usage> after = meter.sample(pids());
                Map<String, double[]> stages = new LinkedHashMap<>();
                for (String topic : PipelineWatch.STAGES) {
                    stages.put(topic, new double[] {watch.count(topic).records(), watch.count(topic).rate()});
                }
                double ackRate = rate(ledger.ackedCount(), ledger.firstAckNanos(), ledger.lastAckNanos());
                double throughput = rate(arrived.count(), ledger.firstAckNanos(), arrived.lastNanos());
                Figures figures = new Figures(name, ledger.ackedCount(), arrived.count(), expected, ackRate, throughput,
                        routed.latency(), stages, Figures.cpuDelta(before, after), Figures.peaks(after));
                out.printf("%s: %d acknowledged (%.0f/s), %d of %d expected reached their first offer/assignment or "
                        + "direct (%.0f/s), latency p50 %.0f ms p99 %.0f ms; %d submissions gave up%n", name, figures.acked(),
                        ackRate, figures.arrived(), expected, throughput, figures.latency().p50Ms(),
                        figures.latency().p99Ms(), ledger.gaveUpCount());
                ledger.rejections().stream().limit(5).forEach(r -> out.println("  rejected: " + r));
                return new Measured(figures, ledger, partnerLedger, Map.copyOf(streamsMetrics));
            } finally {
                progress.cancel(false);
                midway.cancel(false);
            }
        }
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            stack.pid(name).ifPresent(pid -> pids.put(name, pid));
        }
        pids.put("load-harness", ProcessHandle.current().pid());
        return pids;
    }

    static double rate(long count, long firstNanos, long lastNanos) {
        long span = lastNanos - firstNanos;
        return count < 2 || span <= 0 ? 0 : count * 1e9 / span;
    }

    /** One progress line every few seconds. */
    private final class Progress implements Runnable {
        private final String name;
        private final Ledger ledger;
        private final Arrivals routed;
        private final PipelineWatch watch;
        private final SimulatedPartners partners;
        private final long started;
        private long lastAcked;
        private long lastRouted;

        Progress(String name, Ledger ledger, Arrivals routed, PipelineWatch watch, SimulatedPartners partners, long started) {
            this.name = name;
            this.ledger = ledger;
            this.routed = routed;
            this.watch = watch;
            this.partners = partners;
            this.started = started;
        }

        @Override
        public void run() {
            long acked = ledger.ackedCount();
            long arrived = routed.count();
            out.printf("[%s %3d s] acked %d (+%d/s) | raw %d | sql %d | routed %d (+%d/s) | assignments %d | "
                    + "customers %d | partner plans open %d | behind %d | p99 %.0f ms%n", name,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), acked, (acked - lastAcked) / 5,
                    watch.count(io.leadrelay.schemas.catalog.Topics.LEADS_RAW.name()).records(),
                    watch.count(io.leadrelay.schemas.catalog.Topics.LEADS_SQL.name()).records(), arrived,
                    (arrived - lastRouted) / 5, watch.count(io.leadrelay.schemas.catalog.Topics.LEADS_ASSIGNMENTS.name()).records(),
                    watch.count(io.leadrelay.schemas.catalog.Topics.LEADS_CUSTOMERS.name()).records(), partners.busy(),
                    Math.max(0, acked - arrived), routed.latency().p99Ms());
            lastAcked = acked;
            lastRouted = arrived;
        }
    }
}
