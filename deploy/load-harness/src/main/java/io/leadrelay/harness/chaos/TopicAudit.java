package io.leadrelay.harness.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.leadrelay.harness.drive.Ledger;
import io.leadrelay.harness.world.PartnerNetwork;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Reads the topics themselves (read_committed, from the beginning to their current end) and holds them against
 * the {@link Ledger}: the verdict of a chaos run. Records that do not decode (poison pills) are skipped.
 */
public final class TopicAudit {

    static final Set<LeadState> TERMINAL = EnumSet.of(LeadState.CUSTOMER, LeadState.DIRECT, LeadState.DISQUALIFIED,
            LeadState.MERGED, LeadState.ERASED);
    static final Set<LeadState> TRANSIENT = EnumSet.of(LeadState.RECEIVED, LeadState.SQL, LeadState.RETURNED,
            LeadState.EXPIRED, LeadState.WON, LeadState.LOST);
    private static final int MAX_EXAMPLES = 5;

    private final String bootstrap;
    private final RegistrySerdes serdes;

    public TopicAudit(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.serdes = new RegistrySerdes(registryUrl);
    }

    /**
     * @param timerInterval routing's SLA check interval: an open deadline may be this much (plus {@code slack} for
     *                      the commit) in the past, not more
     */
    public Verdict audit(Ledger ledger, PartnerNetwork network, Duration timerInterval, Duration slack, Instant now) {
        Map<String, Integer> raw = new HashMap<>();
        read(Topics.LEADS_RAW.name(), (record) -> raw.merge(record.key(), 1, Integer::sum));
        Map<String, List<LifecycleEvent>> lifecycle = new HashMap<>();
        readDecoded(Topics.LEADS_LIFECYCLE, (key, event) -> lifecycle.computeIfAbsent(key, k -> new ArrayList<>()).add(event));
        Map<String, List<AssignmentEvent>> assignments = new HashMap<>();
        Map<String, Integer> answers = new HashMap<>();
        readDecoded(Topics.LEADS_ASSIGNMENTS, (key, event) -> {
            assignments.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            if (event.getRequestId() != null && event.getType() != AssignmentEventType.OFFERED
                    && event.getType() != AssignmentEventType.ASSIGNED) {
                answers.merge(event.getRequestId(), 1, Integer::sum);
            }
        });
        Map<String, Integer> requests = new HashMap<>();
        readDecoded(Topics.LEADS_FEEDBACK, (key, feedback) -> requests.merge(feedback.getRequestId(), 1, Integer::sum));
        readDecoded(Topics.LEADS_RETURNS, (key, returned) -> requests.merge(returned.getRequestId(), 1, Integer::sum));

        Counter c = new Counter();
        for (Ledger.AckedLead acked : ledger.acked().values()) {
            String leadId = acked.leadId();
            c.acknowledged++;
            int rawCount = raw.getOrDefault(leadId, 0);
            List<LifecycleEvent> events = lifecycle.getOrDefault(leadId, List.of());
            if (rawCount == 0 || events.isEmpty()) {
                c.problem("lost", leadId + (rawCount == 0 ? " is not on leads.raw" : " has no lifecycle event"));
                c.lost++;
                continue;
            }
            if (rawCount > 1) {
                c.rawRewrites++;
            }
            boolean duplicated = false;
            Set<String> eventIds = new HashSet<>();
            Set<String> annotations = new HashSet<>();
            LifecycleEvent previous = null;
            boolean broken = false;
            for (LifecycleEvent event : events) {
                if (!eventIds.add(event.getEventId())) {
                    duplicated = true;
                    c.problem("duplicated", leadId + ": lifecycle event " + event.getEventId() + " twice");
                }
                if (event.getRejected()) {
                    continue;
                }
                // A transition repeated would not start where the previous one ended: the chain check below finds it.
                // Events that keep the state (progress, a merged duplicate) may repeat; one about the same other lead
                // may not. Partner actions are counted by request id further down.
                if (event.getFrom() == event.getTo() && event.getRelatedLeadId() != null
                        && !annotations.add(event.getTo() + "|" + event.getReason() + "|" + event.getRelatedLeadId())) {
                    duplicated = true;
                    c.problem("duplicated", leadId + ": " + event.getReason() + " for " + event.getRelatedLeadId() + " twice");
                }
                if (event.getFrom() == event.getTo()) {
                    // Keeps the state (progress, a merged duplicate): not a step of the chain. One that names another
                    // state than the lead's is stale — written from an old view of the lead — and reported.
                    if (previous != null && event.getTo() != previous.getTo()) {
                        c.staleAnnotations++;
                        c.problem("stale", leadId + ": " + event.getReason() + " recorded as " + event.getTo()
                                + " while the lead is " + previous.getTo());
                    }
                    continue;
                }
                if (previous != null && event.getFrom() != previous.getTo()) {
                    broken = true;
                    c.problem("broken", leadId + ": " + previous.getTo() + " then " + event.getFrom() + " → " + event.getTo());
                }
                previous = event;
            }
            if (broken) {
                c.brokenHistory++;
            }
            LeadState state = previous == null ? LeadState.RECEIVED : previous.getTo();
            c.states.merge(state.name(), 1L, Long::sum);
            if (TERMINAL.contains(state)) {
                c.terminal++;
            } else if (TRANSIENT.contains(state)) {
                c.stuck++;
                c.problem("stuck", leadId + " still " + state);
            } else {
                c.open++;
                if (previous.getDeadline() != null && EnumSet.of(LeadState.OFFERED, LeadState.ASSIGNED).contains(state)
                        && previous.getDeadline().plus(timerInterval).plus(slack).isBefore(now)) {
                    c.overdue++;
                    c.problem("overdue", leadId + " " + state + " past its deadline " + previous.getDeadline());
                }
            }

            Map<String, Integer> perPartnerAttempt = new HashMap<>();
            Map<Integer, Integer> assignedPerAttempt = new HashMap<>();
            Map<String, Integer> attemptOfPartner = new HashMap<>();
            boolean foreign = false;
            for (AssignmentEvent event : assignments.getOrDefault(leadId, List.of())) {
                if (event.getType() != AssignmentEventType.OFFERED && event.getType() != AssignmentEventType.ASSIGNED) {
                    continue;
                }
                String partner = event.getPartnerId();
                if (perPartnerAttempt.merge(partner + "#" + event.getAttempt(), 1, Integer::sum) > 1) {
                    duplicated = true;
                    c.problem("duplicated", leadId + ": " + event.getType() + " to " + partner + " twice in attempt " + event.getAttempt());
                }
                if (event.getType() == AssignmentEventType.ASSIGNED
                        && assignedPerAttempt.merge(event.getAttempt(), 1, Integer::sum) > 1) {
                    duplicated = true;
                    c.problem("duplicated", leadId + ": two assignments in attempt " + event.getAttempt());
                }
                Integer earlier = attemptOfPartner.putIfAbsent(partner, event.getAttempt());
                SyntheticPlace place = new SyntheticPlace(acked);
                if (!network.eligible(partner, place.country, place.postalCode, place.product)
                        || earlier != null && earlier != event.getAttempt()) {
                    foreign = true;
                    c.problem("foreign", leadId + " went to " + partner + " in attempt " + event.getAttempt()
                            + (earlier != null && earlier != event.getAttempt() ? " after it had it in attempt " + earlier : " (not eligible)"));
                }
            }
            if (foreign) {
                c.foreign++;
            }
            if (duplicated) {
                c.duplicated++;
            }
        }
        c.duplicated += ledger.keyConflicts().size();
        ledger.keyConflicts().stream().limit(MAX_EXAMPLES).forEach(k -> c.problem("duplicated", "idempotency key " + k));

        for (Ledger.PartnerAction action : ledger.actions()) {
            if (action.status() == 401 || action.status() == 403) {
                c.credentialsRefused++;
                c.problem("credential", action + ": a partner token issued before the chaos was refused");
            }
            if (action.status() / 100 != 2 || action.requestId() == null) {
                continue;
            }
            c.actions++;
            int written = requests.getOrDefault(action.requestId(), 0);
            int answered = answers.getOrDefault(action.requestId(), 0);
            if (written == 0 || answered == 0) {
                c.actionsLost++;
                c.problem("action", action + ": written " + written + ", answered " + answered);
            } else if (written > 1 || answered > 1) {
                c.actionsTwice++;
                c.problem("action", action + ": written " + written + ", answered " + answered);
            }
        }
        return new Verdict(c.acknowledged, c.terminal, c.open, c.stuck, c.lost, c.duplicated, c.brokenHistory, c.foreign,
                c.overdue, c.actions, c.actionsLost, c.actionsTwice, c.credentialsRefused, c.rawRewrites, c.staleAnnotations,
                c.states, c.examples);
    }

    /** The state each acknowledged lead is in now, by the lifecycle topic (for waiting until the run settled). */
    public Map<String, LeadState> states() {
        Map<String, LeadState> states = new HashMap<>();
        readDecoded(Topics.LEADS_LIFECYCLE, (key, event) -> {
            if (!event.getRejected()) {
                states.put(key, event.getTo());
            }
        });
        return states;
    }

    private record SyntheticPlace(String country, String postalCode, String product) {
        SyntheticPlace(Ledger.AckedLead acked) {
            this(acked.lead().country(), acked.lead().postalCode(), acked.lead().product());
        }
    }

    private static final class Counter {
        long acknowledged;
        long terminal;
        long open;
        long stuck;
        long lost;
        long duplicated;
        long brokenHistory;
        long foreign;
        long overdue;
        long actions;
        long actionsLost;
        long actionsTwice;
        long credentialsRefused;
        long rawRewrites;
        long staleAnnotations;
        final List<String> examples = new ArrayList<>();
        final Map<String, Long> states = new java.util.TreeMap<>();
        final Map<String, Integer> perKind = new HashMap<>();

        void problem(String kind, String text) {
            if (perKind.merge(kind, 1, Integer::sum) <= MAX_EXAMPLES) {
                examples.add(kind + ": " + text);
            }
        }
    }

    private <V extends org.apache.avro.specific.SpecificRecord> void readDecoded(Topic<V> topic,
            java.util.function.BiConsumer<String, V> sink) {
        try (Deserializer<V> deserializer = topic.valueSerde(serdes).deserializer()) {
            read(topic.name(), record -> {
                V value;
                try {
                    value = deserializer.deserialize(record.topic(), record.headers(), record.value());
                } catch (RuntimeException e) {
                    return; // a poison pill; the dead-letter check covers it
                }
                if (value != null) {
                    sink.accept(record.key(), value);
                }
            });
        }
    }

    /** Every committed record of the topic, from the beginning to the end it had when reading started. */
    private void read(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadrelay-harness-audit");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMinutes(1));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    sink.accept(record);
                }
            }
        }
    }
}
