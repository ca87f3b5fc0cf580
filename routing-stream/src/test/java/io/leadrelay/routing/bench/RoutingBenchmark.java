package io.leadrelay.routing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.testing.CollectedDeadLetters;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.LeadCase;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.Territory;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.PlainAvroSerdes;

/**
 * Routing throughput on one thread (TopologyTestDriver, registry-free Avro): SQL leads routed per second with 200
 * partners in the reference data, against a pass-through topology over the same records in the same run.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.routing.bench.RoutingBenchmark [-Dexec.args="<leads> <rounds>"]}
 */
public final class RoutingBenchmark {

    private static final PlainAvroSerdes SERDES = new PlainAvroSerdes();
    static final int PARTNERS = 200;
    private static final PartnerTier[] TIERS = { PartnerTier.PLATINUM, PartnerTier.GOLD, PartnerTier.SILVER,
            PartnerTier.BRONZE };
    private static final Grade[] GRADES = { Grade.A, Grade.B, Grade.B, Grade.C };
    /** Output is drained every this many leads, so the driver's captured output does not pile up. */
    private static final int DRAIN_EVERY = 500;

    private RoutingBenchmark() {
    }

    public static void main(String[] args) {
        BenchLogging.info();
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<QualifiedLead> records = leads(leads, "lead-");
        System.out.printf(Locale.ROOT, "%d SQL leads, %d partners, %d rounds (first is warm-up), %d cores, load %s%n",
                leads, PARTNERS, rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
        double[] best = new double[6];
        for (int round = 0; round < rounds; round++) {
            double[] routing = routing(records);
            double[] bytes = passThrough(records, false);
            double[] typed = passThrough(records, true);
            System.out.printf(Locale.ROOT,
                    "round %d: routing %,.0f leads/s (%,.0f per CPU-second) | pass-through bytes %,.0f rec/s (%,.0f) | "
                            + "pass-through Avro %,.0f rec/s (%,.0f)%n",
                    round + 1, routing[0], routing[1], bytes[0], bytes[1], typed[0], typed[1]);
            if (round > 0 || rounds == 1) {
                double[] all = { routing[0], routing[1], bytes[0], bytes[1], typed[0], typed[1] };
                for (int i = 0; i < all.length; i++) {
                    best[i] = Math.max(best[i], all[i]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "best wall: routing %,.0f leads/s; pass-through bytes %,.0f rec/s (ratio %.3f); "
                + "pass-through Avro %,.0f rec/s (ratio %.3f)%n", best[0], best[2], best[0] / best[2], best[4],
                best[0] / best[4]);
        System.out.printf(Locale.ROOT, "best per CPU-second of the benchmark thread: routing %,.0f leads; pass-through "
                + "bytes %,.0f rec (ratio %.3f); pass-through Avro %,.0f rec (ratio %.3f); load %s%n", best[1], best[3],
                best[1] / best[3], best[5], best[1] / best[5], loadAverage());
    }

    /** Leads/s (wall, CPU) through the routing topology; fails when a lead was not delivered to partners. */
    private static double[] routing(List<QualifiedLead> records) {
        MutableClock clock = new MutableClock(Leads.T0);
        Topology topology = new RoutingTopology(RoutingRules.of(RoutingSettings.defaults()), new CollectedDeadLetters(), SERDES,
                clock, false).build();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("routing-bench"), Leads.T0)) {
            TestInputTopic<String, PartnerProfile> partners = input(driver, Topics.REFERENCE_PARTNERS);
            for (PartnerProfile p : partners()) {
                partners.pipeInput(p.getPartnerId(), p);
            }
            TestInputTopic<String, QualifiedLead> sql = input(driver, Topics.LEADS_SQL);
            List<TestOutputTopic<String, byte[]>> outputs = List.of(Topics.LEADS_ASSIGNMENTS, Topics.LEADS_LIFECYCLE,
                    Topics.LEADS_DIRECT, Topics.LEADS_NURTURE).stream().map(t -> rawOutput(driver, t)).toList();
            double[] rate = timed(records, sql, outputs);
            KeyValueStore<String, LeadCase> cases = driver.getKeyValueStore(StoreNames.LEAD_CASES);
            long routed = 0;
            try (KeyValueIterator<String, LeadCase> it = cases.all()) {
                while (it.hasNext()) {
                    LeadState state = it.next().value.state;
                    routed += state == LeadState.OFFERED || state == LeadState.ASSIGNED ? 1 : 0;
                }
            }
            if (routed != records.size()) {
                throw new IllegalStateException(routed + " of " + records.size() + " leads were routed to partners");
            }
            return rate;
        }
    }

    /** Records/s (wall, CPU) through source → sink over the same leads, as bytes or decoded and re-encoded with Avro. */
    private static double[] passThrough(List<QualifiedLead> records, boolean typed) {
        StreamsBuilder builder = new StreamsBuilder();
        if (typed) {
            builder.stream(Topics.LEADS_SQL.name(), Consumed.with(Topics.LEADS_SQL.keySerde(),
                    Topics.LEADS_SQL.valueSerde(SERDES))).to(Topics.LEADS_DIRECT.name(),
                            Produced.with(Topics.LEADS_DIRECT.keySerde(), Topics.LEADS_DIRECT.valueSerde(SERDES)));
        } else {
            builder.stream(Topics.LEADS_SQL.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .to(Topics.LEADS_DIRECT.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props("pass-through-bench"),
                Leads.T0)) {
            return timed(records, input(driver, Topics.LEADS_SQL), List.of(rawOutput(driver, Topics.LEADS_DIRECT)));
        }
    }

    /**
     * Records per second of wall time and per second of this thread's CPU time: on a machine shared with other
     * builds the second is what "on one core" means, as waiting for a core is not counted.
     */
    private static double[] timed(List<QualifiedLead> records, TestInputTopic<String, QualifiedLead> in,
            List<TestOutputTopic<String, byte[]>> outputs) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            QualifiedLead lead = records.get(i);
            in.pipeInput(lead.getLeadId(), lead);
            if (i % DRAIN_EVERY == 0) {
                outputs.forEach(TestOutputTopic::readRecordsToList);
            }
        }
        outputs.forEach(TestOutputTopic::readRecordsToList);
        return new double[] { records.size() / ((System.nanoTime() - start) / 1e9),
                records.size() / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9) };
    }

    /** Partners in Germany, each serving one or two postal regions, mixed tiers; capacity never the limit here. */
    static List<PartnerProfile> partners() {
        List<PartnerProfile> partners = new ArrayList<>();
        for (int i = 0; i < PARTNERS; i++) {
            String region = String.valueOf(i % 10);
            PartnerProfile p = Leads.partner(String.format(Locale.ROOT, "p%03d", i), TIERS[i % TIERS.length])
                    .setCapacity(1_000_000).setWeight(1.0 + (i % 3)).build();
            List<String> prefixes = i % 4 == 0 ? List.of(region + (i % 7)) : List.of(region);
            p.setTerritories(List.of(new Territory("DE", prefixes)));
            partners.add(p);
        }
        return partners;
    }

    /** Leads spread over the postal regions and grades; volume small enough for every tier. */
    static List<QualifiedLead> leads(int count, String idPrefix) {
        Function<Integer, QualifiedLead> lead = i -> {
            QualifiedLead l = Leads.sql(String.format(Locale.ROOT, "%s%07d", idPrefix, i), GRADES[i % GRADES.length])
                    .build();
            l.getProfile().getCompany().setPostalCode(String.format(Locale.ROOT, "%05d", (i * 7919) % 100_000));
            l.getProfile().getFacts().setExpectedVolume(Leads.eur("40000"));
            return l;
        };
        List<QualifiedLead> leads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leads.add(lead.apply(i));
        }
        return leads;
    }

    private static Properties props(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TestInputTopic<String, V> input(
            TopologyTestDriver driver, Topic<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
                topic.valueSerde(SERDES).serializer(), Leads.T0, Duration.ZERO);
    }

    private static TestOutputTopic<String, byte[]> rawOutput(TopologyTestDriver driver, Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
