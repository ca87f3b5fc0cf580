package io.leadrelay.harness.chaos;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.leadrelay.deploy.LocalStack;
import io.leadrelay.harness.drive.LeadDriver;
import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.drive.PartnerBehaviour;
import io.leadrelay.harness.drive.SimulatedPartners;
import io.leadrelay.harness.drive.StackApi;
import io.leadrelay.harness.measure.Arrivals;
import io.leadrelay.harness.measure.PipelineWatch;
import io.leadrelay.harness.poison.PoisonPills;
import io.leadrelay.harness.world.LeadFactory;
import io.leadrelay.harness.world.LeadMix;
import io.leadrelay.harness.world.PartnerNetwork;
import io.leadrelay.harness.world.WorldLoader;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.catalog.Topics;

/**
 * The chaos run: while leads flow in and simulated partners answer, each process of the stack is killed with
 * SIGKILL once, at a random moment, and started again by run.sh ({@code --restart}); poison pills go into every
 * input topic. Then, once the pipeline settled, the topics are audited ({@link TopicAudit}) and the pills looked
 * for on the dead-letter topics. The stack must run with {@code --restart} and a short SLA check interval.
 */
public final class ChaosRun {

    /** Who is killed, in this order. */
    public static final List<String> VICTIMS = List.of("qualification-stream", "routing-stream", "ingest-service",
            "feedback-service", "broker");

    /**
     * @param leads         leads to drive (20,000 for the full run, 2,000 in mvn verify)
     * @param rate          leads per second
     * @param partners      partners in the generated network
     * @param shortSla      accept SLA of a third of the partners, who let some leads expire
     * @param timerInterval routing's SLA check interval the stack runs with
     * @param settle        longest wait for the pipeline to settle after the last lead
     */
    public record Options(long leads, double rate, int partners, int companies, long seed, Duration shortSla,
            Duration timerInterval, Duration settle) {
    }

    /** What the services need for a chaos run: timers that fire every second, so deadlines pass within the run. */
    public static List<String> serviceOptions() {
        return List.of("-Dleadrelay.routing.sla.check-interval=PT1S", "-Dleadrelay.qualification.punctuation-interval=PT1S");
    }

    /** The verdict, the poison pills' fate, and what was killed when. */
    public record Result(Verdict verdict, List<PoisonPills.Outcome> poison, List<String> kills) {

        public boolean passed() {
            return verdict.passed() && poison.stream().allMatch(PoisonPills.Outcome::parked);
        }
    }

    private final LocalStack stack;
    private final Options options;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    public ChaosRun(LocalStack stack, Options options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
    }

    public Result run() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        ExecutorService http = Executors.newFixedThreadPool(8);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            StackApi api = StackApi.of(stack, http);
            Instant now = clock.instant();
            PartnerNetwork network = PartnerNetwork.generate(options.partners(), options.seed(), 1_000_000, 1.0 / 3,
                    options.shortSla(), now);
            WorldLoader.World world = WorldLoader.load(stack, api, network, options.companies(), options.seed(), now);
            List<CompanyProfile> companies = world.companies();
            Map<String, String> tokens = world.tokens();
            out.printf("chaos: %d partners (a third with accept SLA %s), %d companies, %d leads at %.0f/s%n",
                    tokens.size(), options.shortSla(), companies.size(), options.leads(), options.rate());

            String runTag = "ch" + Long.toString(now.toEpochMilli(), 36);
            Ledger ledger = new Ledger();
            Arrivals routed = new Arrivals();
            ledger.onAck(routed::acked);
            SimulatedPartners partners = new SimulatedPartners(api, network, tokens, PartnerBehaviour.CHAOS, ledger,
                    scheduler, clock, options.seed());
            List<PoisonPills.Pill> pills = PoisonPills.plan(PoisonPills.tag());
            List<String> kills = new ArrayList<>();
            try (PipelineWatch watch = new PipelineWatch(stack.kafkaBootstrap(), stack.registryUrl(), routed, partners, http).start()) {
                PoisonPills.inject(stack.kafkaBootstrap(), pills);
                out.printf("chaos: %d poison pills written into %d input topics%n", pills.size(),
                        pills.stream().map(PoisonPills.Pill::topic).distinct().count());

                LeadFactory factory = new LeadFactory(companies, network, LeadMix.CHAOS, options.seed(), runTag, clock);
                LeadDriver driver = new LeadDriver(api::submit, ledger, scheduler, 64, Duration.ofMinutes(3));
                Future<?> driving = background.submit(() -> {
                    driver.drive(factory, options.leads(), options.rate(), () -> false);
                    return null;
                });
                long started = System.nanoTime();
                var progress = scheduler.scheduleAtFixedRate(() -> out.printf(
                        "[chaos %3d s] acked %d | routed %d | assignments %d | partner actions %d | retries %d%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), ledger.ackedCount(), routed.count(),
                        watch.count(Topics.LEADS_ASSIGNMENTS.name()).records(), ledger.actionCount(), ledger.retries()),
                        5, 5, TimeUnit.SECONDS);
                try {
                    kill(kills, started);
                    driving.get();
                    settle(partners, watch);
                } finally {
                    progress.cancel(false);
                }
            }
            out.println("chaos: auditing the topics");
            Verdict verdict = new TopicAudit(stack.kafkaBootstrap(), stack.registryUrl())
                    .audit(ledger, network, options.timerInterval(), Duration.ofSeconds(5), clock.instant());
            List<PoisonPills.Outcome> poison = PoisonPills.check(stack.kafkaBootstrap(), pills, Duration.ofSeconds(60));
            Result result = new Result(verdict, poison, kills);
            out.println(verdict.summary());
            for (PoisonPills.Outcome outcome : poison) {
                out.printf("  poison pill %-45s -> %s%n", outcome.pill().key(), outcome.parked()
                        ? outcome.pill().deadLetterTopic() + " (" + outcome.service() + ", " + outcome.exception() + ")"
                        : "NOT on " + outcome.pill().deadLetterTopic());
            }
            out.println(result.passed() ? "CHAOS RUN PASSED" : "CHAOS RUN FAILED");
            return result;
        } finally {
            scheduler.shutdownNow();
            http.shutdownNow();
            background.shutdownNow();
        }
    }

    /** Kills each victim once at a random moment of the driving phase, waiting for each to be back before the next. */
    private void kill(List<String> kills, long started) throws Exception {
        double seconds = options.leads() / options.rate();
        Random random = new Random(options.seed());
        double slot = seconds * 0.8 / VICTIMS.size();
        for (int i = 0; i < VICTIMS.size(); i++) {
            String victim = VICTIMS.get(i);
            double at = seconds * 0.1 + slot * i + random.nextDouble() * slot * 0.5;
            long wait = started + (long) (at * 1e9) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long pid = stack.pid(victim).orElseThrow(() -> new IllegalStateException(victim + " is not running"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            long killedAt = System.nanoTime();
            String line = String.format("%.0f s: kill -9 %s (pid %d)", (killedAt - started) / 1e9, victim, pid);
            out.println("chaos: " + line);
            awaitBack(victim, pid);
            line += String.format(", back after %.1f s", (System.nanoTime() - killedAt) / 1e9);
            out.println("chaos: " + line);
            kills.add(line);
        }
    }

    private void awaitBack(String victim, long oldPid) throws Exception {
        // Generous: a JVM start takes 3 s on an idle machine and well over a minute on a 2-core one that runs other builds.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        StackApi probe = StackApi.of(stack, Runnable::run);
        while (System.nanoTime() < deadline) {
            boolean restarted = stack.pid(victim).filter(pid -> pid != oldPid).isPresent();
            if (restarted && (victim.equals("broker") ? brokerAnswers() : probe.ready(stack.serviceUrl(victim).orElseThrow()))) {
                if (victim.equals("broker")) {
                    awaitServicesReady(probe, deadline);
                }
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(victim + " did not come back within 5 minutes");
    }

    private void awaitServicesReady(StackApi probe, long deadline) throws InterruptedException {
        for (String module : List.of("ingest-service", "qualification-stream", "routing-stream", "feedback-service")) {
            while (!probe.ready(stack.serviceUrl(module).orElseThrow()) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
    }

    private boolean brokerAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Waits until no partner plan is running, every consumer group of the stack has committed all there is to read,
     * and {@code leads.lifecycle} was quiet for longer than a short SLA (so every ignored assignment had its chance to
     * expire), or the settle time is over.
     */
    private void settle(SimulatedPartners partners, PipelineWatch watch) throws Exception {
        long deadline = System.nanoTime() + options.settle().toNanos();
        Duration quiet = options.shortSla().plus(options.timerInterval()).plusSeconds(5);
        long lastCount = -1;
        long lastChange = System.nanoTime();
        Map<String, Long> behind = Map.of();
        try (GroupLag lag = new GroupLag(stack.kafkaBootstrap())) {
            while (System.nanoTime() < deadline) {
                long count = watch.count(Topics.LEADS_LIFECYCLE.name()).records();
                if (count != lastCount || partners.busy() > 0) {
                    lastCount = count;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                    behind = lag.behind();
                    if (behind.isEmpty()) {
                        out.println("chaos: the pipeline is quiet");
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
        out.println("chaos: settle time over; auditing what is there" + (behind.isEmpty() ? "" : "; behind: " + behind));
    }
}
