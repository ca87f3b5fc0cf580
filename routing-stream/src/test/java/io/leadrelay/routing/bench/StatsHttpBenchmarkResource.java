package io.leadrelay.routing.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.stats.Contribution;
import io.leadrelay.routing.stats.LeadFacts;
import io.leadrelay.routing.stats.LeadStatsTracker;
import io.leadrelay.routing.stats.LifecycleHistory;
import io.leadrelay.routing.stats.OverdueLead;
import io.leadrelay.routing.stats.RowKeys;
import io.leadrelay.routing.stats.Tally;
import io.leadrelay.routing.stats.TallySerde;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.LeadrelayTestResource;

/**
 * The broker and registry of {@link LeadrelayTestResource}, plus what a routing-stream instance holds after 100,000
 * leads, put where a restarting instance finds it before Quarkus starts the stream: the stats stores' changelog
 * topics (rows computed by {@link LeadStatsTracker} from generated histories, each in the partition its task owns)
 * and 200 partners on {@code reference.partners}. The stream then restores its RocksDB stores from the changelogs,
 * as after a restart, which takes seconds instead of the minutes 538,000 lifecycle events would take to process here.
 */
public class StatsHttpBenchmarkResource extends LeadrelayTestResource {

    static final String APPLICATION_ID = "stats-http-bench";
    static final int LEADS = Integer.getInteger("bench.leads", 100_000);
    static final int PARTNERS = 200;
    private static final int PARTITIONS = Topics.LEADS_LIFECYCLE.partitions();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.kafka-streams.application-id", APPLICATION_ID);
        config.put("quarkus.log.level", "INFO");
        long started = System.nanoTime();
        int records = fill();
        System.out.printf("changelogs filled for %,d leads (%,d records) and %d partners in %.1f s%n", LEADS, records,
                PARTNERS, (System.nanoTime() - started) / 1e9);
        return config;
    }

    private static int fill() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        List<String> stores = List.of(StoreNames.STATS_FUNNEL, StoreNames.STATS_PARTNERS, StoreNames.STATS_FORECAST,
                StoreNames.STATS_LEAD_FACTS, StoreNames.STATS_DEADLINES);
        kafka.createTopics(stores.stream().map(s -> new NewTopic(changelog(s), PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))).toList());
        RoutingRules rules = RoutingRules.of(RoutingSettings.defaults());
        LeadStatsTracker tracker = new LeadStatsTracker(rules.euro());
        Map<String, Tally> rows = new TreeMap<>();
        Serializer<Tally> tallies = TallySerde.serde().serializer();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        int records = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            int chunk = 10_000;
            for (int from = 0; from < LEADS; from += chunk) {
                Map<String, LeadFacts> known = new HashMap<>();
                for (LifecycleEvent e : LifecycleHistory.leads(from, "lead-" + from + "-", Math.min(chunk,
                        LEADS - from), PARTNERS)) {
                    LeadStatsTracker.Result result = tracker.apply(known.get(e.getLeadId()), e);
                    known.put(e.getLeadId(), result.facts());
                    result.contributions().forEach((key, tally) -> rows.computeIfAbsent(key, k -> new Tally())
                            .merge(tally));
                }
                for (Map.Entry<String, LeadFacts> lead : known.entrySet()) {
                    String id = lead.getKey();
                    LeadFacts f = lead.getValue();
                    int partition = partition(id);
                    producer.send(new ProducerRecord<>(changelog(StoreNames.STATS_LEAD_FACTS), partition, id,
                            Json.bytes(f)));
                    records++;
                    if (f.deadline != null) {
                        producer.send(new ProducerRecord<>(changelog(StoreNames.STATS_DEADLINES), partition,
                                String.format("%013d|%s", f.deadline, id), Json.bytes(new OverdueLead(id, f.state,
                                        f.ownerType, f.ownerId, Instant.ofEpochMilli(f.deadline).toString(),
                                        RowKeys.decode(f.channel), RowKeys.decode(f.campaign)))));
                        records++;
                    }
                }
            }
            for (Map.Entry<String, Tally> row : rows.entrySet()) {
                if (row.getValue().isEmpty()) {
                    continue;
                }
                String prefixed = row.getKey();
                producer.send(new ProducerRecord<>(changelog(store(prefixed.charAt(0))),
                        partition(Contribution.routingKey(prefixed)), prefixed.substring(1),
                        tallies.serialize(null, row.getValue())));
                records++;
            }
            producer.flush();
        }
        try (KafkaProducer<String, PartnerProfile> partners = new KafkaProducer<>(props, new StringSerializer(),
                Topics.REFERENCE_PARTNERS.valueSerde(new RegistrySerdes(EmbeddedRegistry.shared().registryUrl()))
                        .serializer())) {
            for (int i = 0; i < PARTNERS; i++) {
                PartnerProfile p = Leads.partner("p-" + i, PartnerTier.values()[i % 4]).setName("Partner " + i)
                        .setCapacity(40).build();
                partners.send(new ProducerRecord<>(Topics.REFERENCE_PARTNERS.name(), p.getPartnerId(), p));
            }
            partners.flush();
        }
        return records;
    }

    /** The partition the stream's default partitioner gives a String key: where its task keeps the row. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static String changelog(String store) {
        return APPLICATION_ID + "-" + store + "-changelog";
    }

    private static String store(char view) {
        return switch (view) {
            case RowKeys.FUNNEL -> StoreNames.STATS_FUNNEL;
            case RowKeys.PARTNERS -> StoreNames.STATS_PARTNERS;
            case RowKeys.FORECAST -> StoreNames.STATS_FORECAST;
            default -> throw new IllegalArgumentException(String.valueOf(view));
        };
    }
}
