package io.leadrelay.feedback.webhook;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.leadrelay.schemas.catalog.SpecificReader;
import io.leadrelay.feedback.partner.ActionAnswers;
import io.leadrelay.feedback.partner.PartnerAction;
import io.leadrelay.feedback.partner.PartnerInbox;
import io.leadrelay.feedback.sales.SalesQueue;
import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.Leads;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedRegistry;

/**
 * Replays the records every feedback-service instance follows — {@code leads.assignments} (inboxes, answers and the
 * webhook dispatcher), {@code leads.lifecycle} and {@code leads.mql} (sales queue) — through the service's views,
 * once with the former per-record readers (same run baseline) and once with the current path, alternating rounds,
 * on one thread; reports records/s, CPU ms and allocated bytes per 1,000 records. Then fills fresh views with open
 * leads and reports the heap each one needs. Encoding and schema lookup use the real Apicurio Registry (a child
 * process, like the tests'); no broker is involved: what is measured is the service's own work per record.
 * In this package because the dispatcher's per-record selection is package-private.
 *
 * <p>{@code mvn -o -q test-compile exec:exec -Pbenchmark [-Dbench.leads=3000 -Dbench.rounds=8]}
 */
public final class FeedReplayBenchmark {

    private static final int PARTNERS = 200;
    private static final String[] PARTNER_IDS = new String[PARTNERS];

    static {
        for (int i = 0; i < PARTNERS; i++) {
            PARTNER_IDS[i] = String.format(Locale.ROOT, "p-%03d-%s", i, i % 2 == 0 ? "muc" : "ber");
        }
    }

    private final Random random = new Random(42);
    private final Instant start = Instant.parse("2026-11-27T09:00:00Z");
    private final String registryUrl;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    FeedReplayBenchmark(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.getInteger("bench.leads", 3_000);
        int rounds = Integer.getInteger("bench.rounds", 8);
        int openLeads = Integer.getInteger("bench.open-leads", 20_000);
        EmbeddedRegistry registry = EmbeddedRegistry.start();
        try {
            new FeedReplayBenchmark(registry.registryUrl()).run(leads, rounds, openLeads);
        } finally {
            registry.stop();
        }
    }

    /** One topic's records as the follower polls them. */
    record Feed(List<ConsumerRecord<String, byte[]>> assignments, List<ConsumerRecord<String, byte[]>> lifecycle,
            List<ConsumerRecord<String, byte[]>> mql) {
        int size() {
            return assignments.size() + lifecycle.size() + mql.size();
        }
    }

    /** The decoders of one way of reading: the inbox follower, the dispatcher, the sales followers. */
    private record Readers(Deserializer<AssignmentEvent> inbox, Deserializer<AssignmentEvent> dispatcher,
            Deserializer<LifecycleEvent> lifecycle, Deserializer<QualifiedLead> mql) {
    }

    private record Figures(double recordsPerSecond, double cpuMsPer1000, double allocatedKbPer1000) {
    }

    private void run(int leadCount, int rounds, int openLeads) throws Exception {
        Feed feed = feed(leadCount);
        System.out.printf(Locale.ROOT, "%d leads: %d assignment, %d lifecycle, %d mql records (%d in all)%n", leadCount,
                feed.assignments().size(), feed.lifecycle().size(), feed.mql().size(), feed.size());
        Readers before = new Readers(PerRecordReader.deserializer(registryUrl, Topics.LEADS_ASSIGNMENTS),
                PerRecordReader.deserializer(registryUrl, Topics.LEADS_ASSIGNMENTS),
                PerRecordReader.deserializer(registryUrl, Topics.LEADS_LIFECYCLE),
                PerRecordReader.deserializer(registryUrl, Topics.LEADS_MQL));
        Readers after = new Readers(SpecificReader.deserializer(registryUrl, Topics.LEADS_ASSIGNMENTS),
                SpecificReader.deserializer(registryUrl, Topics.LEADS_ASSIGNMENTS),
                SpecificReader.deserializer(registryUrl, Topics.LEADS_LIFECYCLE),
                SpecificReader.deserializer(registryUrl, Topics.LEADS_MQL));

        Map<String, List<Figures>> results = new LinkedHashMap<>();
        Map<String, Predicate<String>> webhookCases = new LinkedHashMap<>();
        webhookCases.put("no partner has a webhook", partnerId -> false);
        webhookCases.put("every partner has a webhook", partnerId -> true);
        for (var webhooks : webhookCases.entrySet()) {
            // Warm-up: class loading, schema lookups, JIT.
            for (int i = 0; i < 3; i++) {
                replayBefore(feed, before, webhooks.getValue());
                replayAfter(feed, after, webhooks.getValue());
            }
            for (int round = 0; round < rounds; round++) {
                results.computeIfAbsent("before, " + webhooks.getKey(), k -> new ArrayList<>())
                        .add(measure(feed.size(), () -> replayBefore(feed, before, webhooks.getValue())));
                results.computeIfAbsent("after, " + webhooks.getKey(), k -> new ArrayList<>())
                        .add(measure(feed.size(), () -> replayAfter(feed, after, webhooks.getValue())));
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Replay of %d leads (%d records: %d assignment, %d lifecycle, %d mql), "
                + "%d rounds each, median:%n%n", leadCount, feed.size(), feed.assignments().size(),
                feed.lifecycle().size(), feed.mql().size(), rounds));
        report.append("| path | records/s | CPU ms per 1,000 records | allocated KB per 1,000 records |\n");
        report.append("| --- | --- | --- | --- |\n");
        results.forEach((name, figures) -> report.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %,.0f |%n",
                name, median(figures, Figures::recordsPerSecond), median(figures, Figures::cpuMsPer1000),
                median(figures, Figures::allocatedKbPer1000))));
        report.append('\n').append(memory(openLeads, after));
        System.out.println(report);
        Path out = Path.of("target", "benchmark-feedback.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("written to " + out.toAbsolutePath());
    }

    // ---- the two ways of following the topics ----------------------------------------------------------------

    /** The former path: per-record readers, and the dispatcher decodes every assignment event again. */
    private void replayBefore(Feed feed, Readers readers, Predicate<String> hasWebhook) {
        PartnerInbox inbox = new PartnerInbox(100_000);
        ActionAnswers answers = new ActionAnswers(20_000);
        SalesQueue queue = new SalesQueue(100_000);
        OffsetTracker offsets = new OffsetTracker();
        for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
            AssignmentEvent event = readers.inbox().deserialize(record.topic(), record.headers(), record.value());
            inbox.apply(event);
            answers.answer(event);
        }
        for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
            AssignmentEvent event = readers.dispatcher().deserialize(record.topic(), record.headers(), record.value());
            boolean pushed = WebhookEvents.PUSHED.contains(event.getType()) && hasWebhook.test(event.getPartnerId());
            if (pushed) {
                try {
                    json.writeValueAsBytes(WebhookEvents.payload(event));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            offsets.skipped(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        for (ConsumerRecord<String, byte[]> record : feed.lifecycle()) {
            queue.applyLifecycle(readers.lifecycle().deserialize(record.topic(), record.headers(), record.value()));
        }
        for (ConsumerRecord<String, byte[]> record : feed.mql()) {
            queue.applyQualified(readers.mql().deserialize(record.topic(), record.headers(), record.value()));
        }
    }

    /** The current path: cached resolving readers; the dispatcher skips partners without a webhook undecoded. */
    private void replayAfter(Feed feed, Readers readers, Predicate<String> hasWebhook) {
        PartnerInbox inbox = new PartnerInbox(100_000);
        ActionAnswers answers = new ActionAnswers(20_000);
        SalesQueue queue = new SalesQueue(100_000);
        OffsetTracker offsets = new OffsetTracker();
        WebhookEvents events = new WebhookEvents(readers.dispatcher(), hasWebhook, json);
        for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
            AssignmentEvent event = readers.inbox().deserialize(record.topic(), record.headers(), record.value());
            inbox.apply(event);
            answers.answer(event);
        }
        for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
            events.deliveryFor(record);
            offsets.skipped(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        for (ConsumerRecord<String, byte[]> record : feed.lifecycle()) {
            queue.applyLifecycle(readers.lifecycle().deserialize(record.topic(), record.headers(), record.value()));
        }
        for (ConsumerRecord<String, byte[]> record : feed.mql()) {
            queue.applyQualified(readers.mql().deserialize(record.topic(), record.headers(), record.value()));
        }
    }

    private static Figures measure(int records, Runnable replay) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocated = threads.getThreadAllocatedBytes(thread);
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        replay.run();
        long wallNanos = System.nanoTime() - wall;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpu;
        long bytes = threads.getThreadAllocatedBytes(thread) - allocated;
        return new Figures(records / (wallNanos / 1e9), cpuNanos / 1e6 / records * 1000, bytes / 1024.0 / records * 1000);
    }

    private static double median(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> value) {
        double[] values = figures.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    // ---- heap per open lead --------------------------------------------------------------------------------------

    private String memory(int leads, Readers readers) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Heap retained by the views, %,d leads each (decoded by the service's "
                + "readers; after full GCs):%n%n", leads));
        out.append("| view content | bytes per lead |\n| --- | --- |\n");
        Feed feed = feed(leads);
        Map<String, Runnable> cases = new LinkedHashMap<>();
        List<Object> keep = new ArrayList<>();
        cases.put("partner inbox, lead held by its partner (assigned/accepted)", () -> {
            PartnerInbox inbox = new PartnerInbox(100_000);
            keep.add(inbox);
            for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
                AssignmentEvent event = readers.inbox().deserialize(record.topic(), record.headers(), record.value());
                if (event.getType() == AssignmentEventType.ASSIGNED) {
                    inbox.apply(event);
                }
            }
        });
        cases.put("partner inbox, released lead (returned/closed/withdrawn)", () -> {
            PartnerInbox inbox = new PartnerInbox(10 * leads);
            keep.add(inbox);
            for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
                AssignmentEvent event = readers.inbox().deserialize(record.topic(), record.headers(), record.value());
                if (event.getType() == AssignmentEventType.ASSIGNED) {
                    inbox.apply(event);
                    inbox.apply(AssignmentEvent.newBuilder(event).setType(AssignmentEventType.RETURNED)
                            .setState(LeadState.RETURNED).setContact(null).setCompany(null).setFacts(null)
                            .setQuality(null).build());
                }
            }
        });
        cases.put("remembered partner request with routing's answer", () -> {
            ActionAnswers answers = new ActionAnswers(10 * leads);
            keep.add(answers);
            for (ConsumerRecord<String, byte[]> record : feed.assignments()) {
                AssignmentEvent event = readers.inbox().deserialize(record.topic(), record.headers(), record.value());
                if (event.getRequestId() != null) {
                    answers.expect(event.getRequestId(), event.getPartnerId(), event.getLeadId(), PartnerAction.ACCEPT);
                    answers.stopWaiting(event.getRequestId());
                    answers.answer(event);
                }
            }
        });
        cases.put("sales queue, lead waiting for sales (MQL, with details and why)", () -> {
            SalesQueue queue = new SalesQueue(100_000);
            keep.add(queue);
            for (ConsumerRecord<String, byte[]> record : feed.mql()) {
                queue.applyQualified(readers.mql().deserialize(record.topic(), record.headers(), record.value()));
            }
            for (ConsumerRecord<String, byte[]> record : feed.lifecycle()) {
                LifecycleEvent event = readers.lifecycle().deserialize(record.topic(), record.headers(), record.value());
                if (event.getTo() == LeadState.MQL) {
                    queue.applyLifecycle(event);
                }
            }
        });
        cases.put("sales queue, lead with a partner (state and details kept for a later SALES_REVIEW)", () -> {
            SalesQueue queue = new SalesQueue(10 * leads);
            keep.add(queue);
            for (ConsumerRecord<String, byte[]> record : feed.mql()) {
                queue.applyQualified(readers.mql().deserialize(record.topic(), record.headers(), record.value()));
            }
            for (ConsumerRecord<String, byte[]> record : feed.lifecycle()) {
                queue.applyLifecycle(readers.lifecycle().deserialize(record.topic(), record.headers(), record.value()));
            }
        });
        cases.put("sales queue, nurtured lead (state only)", () -> {
            SalesQueue queue = new SalesQueue(10 * leads);
            keep.add(queue);
            for (ConsumerRecord<String, byte[]> record : feed.lifecycle()) {
                LifecycleEvent event = readers.lifecycle().deserialize(record.topic(), record.headers(), record.value());
                if (event.getTo() == LeadState.MQL) {
                    queue.applyLifecycle(LifecycleEvent.newBuilder(event).setFrom(LeadState.RECEIVED)
                            .setTo(LeadState.NURTURE).build());
                }
            }
        });
        for (var c : cases.entrySet()) {
            long before = usedAfterGc();
            c.getValue().run();
            long after = usedAfterGc();
            out.append(String.format(Locale.ROOT, "| %s | %,d |%n", c.getKey(), (after - before) / leads));
            keep.clear();
        }
        return out.toString();
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    // ---- records like the pipeline's ---------------------------------------------------------------------------

    /**
     * Per lead, as routing and qualification write them: an MQL record; lifecycle RECEIVED→MQL, MQL→SQL,
     * SQL→ASSIGNED (with the decision's candidates and 200 partners' exclusions, grouped by reason) and
     * ASSIGNED→ACCEPTED; the assignment to one partner and routing's answer to its accept; for every third lead an
     * offer to three partners first, two of them withdrawn.
     */
    Feed feed(int leadCount) {
        Serializer<AssignmentEvent> assignments = serializer(Topics.LEADS_ASSIGNMENTS);
        Serializer<LifecycleEvent> lifecycle = serializer(Topics.LEADS_LIFECYCLE);
        Serializer<QualifiedLead> mql = serializer(Topics.LEADS_MQL);
        List<ConsumerRecord<String, byte[]>> a = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> l = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> m = new ArrayList<>();
        for (int i = 0; i < leadCount; i++) {
            String leadId = UUID.randomUUID().toString();
            Instant at = start.plusMillis(i * 10L);
            String partner = PARTNER_IDS[random.nextInt(PARTNERS)];
            m.add(record(Topics.LEADS_MQL, mql, leadId, Leads.qualified(leadId, at).build(), null, m.size()));
            l.add(record(Topics.LEADS_LIFECYCLE, lifecycle, leadId, lifecycle(leadId, LeadState.RECEIVED, LeadState.MQL,
                    "MQL_CRITERIA_MET", at, "{\"ruleVersion\":\"7\",\"score\":64,\"criteriaMet\":[\"timing\",\"volume\"]}"),
                    null, l.size()));
            l.add(record(Topics.LEADS_LIFECYCLE, lifecycle, leadId, lifecycle(leadId, LeadState.MQL, LeadState.SQL,
                    "SQL_RULE", at, "{\"ruleVersion\":\"7\",\"channel\":\"PARTNER\"}"), null, l.size()));
            l.add(record(Topics.LEADS_LIFECYCLE, lifecycle, leadId, lifecycle(leadId, LeadState.SQL, LeadState.ASSIGNED,
                    "ASSIGNED:SINGLE_BEST", at, decisionDetails(partner)), null, l.size()));
            if (i % 3 == 0) {
                for (int k = 1; k <= 2; k++) {
                    String other = PARTNER_IDS[(Arrays.asList(PARTNER_IDS).indexOf(partner) + k) % PARTNERS];
                    a.add(record(Topics.LEADS_ASSIGNMENTS, assignments, leadId,
                            Assignments.offer(AssignmentEventType.OFFERED, leadId, other, at), other, a.size()));
                    a.add(record(Topics.LEADS_ASSIGNMENTS, assignments, leadId, Assignments.event(AssignmentEventType.WITHDRAWN,
                            leadId, other, LeadState.ASSIGNED, at).setReason("OFFER_TAKEN").build(), other, a.size()));
                }
            }
            a.add(record(Topics.LEADS_ASSIGNMENTS, assignments, leadId, Assignments.offer(AssignmentEventType.ASSIGNED, leadId, partner,
                    at), partner, a.size()));
            a.add(record(Topics.LEADS_ASSIGNMENTS, assignments, leadId, Assignments.event(AssignmentEventType.ACCEPTED, leadId,
                    partner, LeadState.ACCEPTED, at).setRequestId(UUID.randomUUID().toString()).build(), partner,
                    a.size()));
            l.add(record(Topics.LEADS_LIFECYCLE, lifecycle, leadId, lifecycle(leadId, LeadState.ASSIGNED,
                    LeadState.ACCEPTED, "PARTNER_ACCEPTED", at, null), null, l.size()));
        }
        return new Feed(a, l, m);
    }

    private <V extends SpecificRecord> Serializer<V> serializer(Topic<V> topic) {
        return topic.valueSerde(new RegistrySerdes(registryUrl)).serializer();
    }

    private static <V extends SpecificRecord> ConsumerRecord<String, byte[]> record(Topic<V> topic, Serializer<V> serializer, String key,
            V value, String partnerHeader, int offset) {
        RecordHeaders headers = new RecordHeaders();
        if (partnerHeader != null) {
            headers.add(Topics.PARTNER_ID_HEADER, partnerHeader.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = serializer.serialize(topic.name(), value);
        return new ConsumerRecord<>(topic.name(), Math.floorMod(key.hashCode(), Topics.LEAD_PARTITIONS), offset,
                0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, key.length(), bytes.length, key, bytes,
                headers, java.util.Optional.empty());
    }

    private static LifecycleEvent lifecycle(String leadId, LeadState from, LeadState to, String reason, Instant at,
            String details) {
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId(leadId).setFrom(from)
                .setTo(to).setRejected(false).setReason(reason).setReasonText("because " + reason)
                .setActor(new Actor("RULE", "rule:test")).setAt(at).setOwnerType(OwnerType.PARTNER)
                .setSourceChannel("web-form").setCampaign("autumn-fair").setGrade(Grade.A).setDetailsJson(details)
                .build();
    }

    /** routing's explanation of a partner selection: five ranked candidates, the other partners by reason. */
    private static String decisionDetails(String chosen) {
        StringBuilder details = new StringBuilder("{\"candidates\":[");
        for (int i = 0; i < 5; i++) {
            details.append(i == 0 ? "" : ",").append("{\"partnerId\":\"").append(i == 0 ? chosen : PARTNER_IDS[i])
                    .append("\",\"score\":0.").append(9 - i).append(",\"openLeads\":").append(i * 3)
                    .append(",\"capacity\":40,\"tier\":\"GOLD\"}");
        }
        details.append("],\"excluded\":[{\"reasons\":[\"OUT_OF_TERRITORY\"],\"partnerIds\":[");
        for (int i = 5; i < 150; i++) {
            details.append(i == 5 ? "" : ",").append('"').append(PARTNER_IDS[i]).append('"');
        }
        details.append("]},{\"reasons\":[\"PRODUCT_MISMATCH\"],\"partnerIds\":[");
        for (int i = 150; i < PARTNERS; i++) {
            details.append(i == 150 ? "" : ",").append('"').append(PARTNER_IDS[i]).append('"');
        }
        return details.append("]}],\"plan\":{\"mode\":\"ASSIGN\",\"reason\":\"SINGLE_BEST\"}}").toString();
    }
}
