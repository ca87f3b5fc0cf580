package io.leadrelay.qualification.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.leadrelay.qualification.lead.Assessment;
import io.leadrelay.qualification.lead.LeadRecord;
import io.leadrelay.qualification.lead.LifecycleEvents;
import io.leadrelay.qualification.lead.Outcome;
import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.qualification.merge.DuplicateMerge;
import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.promotion.SqlRule;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Keyed by lead id, co-partitioned with leads.feedback and leads.nurture. Holds each lead's state and applies the
 * rules: new leads, duplicates folded in, inside-sales decisions, routing's hand-backs, erasures, and — from a
 * wall-clock punctuation over the due-date index — nurture leads whose window opened.
 *
 * <p>Each input is decided completely before anything is written: outputs and store writes are collected and
 * applied together, so a failure sends the input to its dead-letter topic with no half-applied change. With
 * exactly_once_v2 the outputs, the store changelogs and the input offset commit atomically, so a restart resumes
 * without a duplicate MQL or SQL.
 */
final class LeadProcessor implements Processor<String, LeadCommand, String, Emit> {

    private static final Logger LOG = Logger.getLogger(LeadProcessor.class);

    static final Actor DISQUALIFICATION = rule("rule:disqualification");
    static final Actor MQL_CRITERIA = rule("rule:mql-criteria");
    static final Actor DECISION_WINDOW = rule("rule:decision-window");
    static final Actor DUPLICATE_MERGE = rule("rule:duplicate-merge");
    static final Actor NURTURE_REENTRY = rule("rule:nurture-reentry");
    static final Actor SQL_PROMOTION = rule(SqlRule.RULE_ID);

    static final String DUPLICATE_PERSON = "DUPLICATE_PERSON";
    static final String MERGED_DUPLICATE = "MERGED_DUPLICATE";
    static final String NEW_ACTIVITY = "NEW_ACTIVITY";
    static final String WINDOW_OPENED = "WINDOW_OPENED";
    static final String PRIVACY_ERASURE = "PRIVACY_ERASURE";
    static final String DECISION_REJECTED = "DECISION_REJECTED:";
    private static final int DUE_DAY_DIGITS = 10;

    private final QualificationRules rules;
    private final DeadLetters deadLetters;
    private final CompanySource companySource;
    private final QualificationCounters counters;
    private final Clock clock;
    private final Duration punctuationInterval;
    private ProcessorContext<String, Emit> context;
    private KeyValueStore<String, LeadRecord> leads;
    private KeyValueStore<String, String> dueIndex;
    private KeyValueStore<String, byte[]> companies;

    LeadProcessor(QualificationRules rules, DeadLetters deadLetters, CompanySource companySource,
            QualificationCounters counters, Clock clock, Duration punctuationInterval) {
        this.rules = rules;
        this.deadLetters = deadLetters;
        this.companySource = companySource;
        this.counters = counters;
        this.clock = clock;
        this.punctuationInterval = punctuationInterval;
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        this.context = context;
        this.leads = context.getStateStore(Names.LEAD_STATE_STORE);
        this.dueIndex = context.getStateStore(Names.DUE_INDEX_STORE);
        this.companies = context.getStateStore(Names.COMPANY_SOURCE_STORE);
        // Wall-clock time: a nurture lead must come back on its due date even when no record arrives.
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, ignored -> releaseDue());
    }

    @Override
    public void process(Record<String, LeadCommand> record) {
        LeadCommand command = record.value();
        Changes changes = new Changes(record.timestamp(), record.headers());
        try {
            switch (command.kind()) {
                case NEW -> received(changes, record.key(), command.raw());
                case ABSORB -> absorb(changes, record.key(), command.raw());
                case MERGED_INTO -> mergedInto(changes, record.key(), command.raw(), command.relatedLeadId());
                case ERASE -> erase(changes, record.key(), command.erasure());
                case SALES_DECISION -> salesDecision(changes, record.key(), command.feedback());
                case HANDBACK -> handback(changes, record.key(), command.handoff());
                default -> throw new IllegalArgumentException("not a lead command: " + command.kind());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "lead command %s for %s failed; sent to its dead-letter topic", command.kind(), record.key());
            context.forward(record.withValue((Emit) deadLetters.of(command))
                    .withHeaders(deadLetters.headers(record.headers(), e, context.recordMetadata().orElseThrow())));
            return;
        }
        changes.apply();
    }

    private void received(Changes changes, String leadId, RawLead raw) {
        if (leads.get(leadId) != null) {
            return; // the same lead id again: idempotent, nothing changes and nothing is emitted
        }
        LeadRecord lead = LeadRecord.received(leadId, raw.getReceivedAt(), raw.getProfile());
        Assessment assessment = rules.assess(raw.getProfile(), this::company, today());
        apply(changes, lead, assessment, null, null, Map.of());
        if (raw.getProfile().getTest()) {
            changes.count(counters::testLead);
        }
    }

    private void absorb(Changes changes, String survivorId, RawLead duplicate) {
        LeadRecord survivor = leads.get(survivorId);
        if (survivor == null || survivor.profile() == null) {
            throw new IllegalStateException("duplicate " + duplicate.getLeadId() + " for unknown or erased lead "
                    + survivorId);
        }
        if (survivor.mergedLeadIds().contains(duplicate.getLeadId())) {
            return;
        }
        DuplicateMerge.Result merge = DuplicateMerge.merge(survivor.profile(), duplicate.getProfile());
        LeadRecord merged = survivor.withProfile(merge.profile()).withMerged(duplicate.getLeadId());
        if (survivor.state() == LeadState.MQL || survivor.state() == LeadState.NURTURE) {
            Map<String, Object> mergeDetails = new LinkedHashMap<>();
            mergeDetails.put("mergedLeadId", duplicate.getLeadId());
            mergeDetails.put("changedFacts", merge.changed());
            Assessment assessment = rules.assess(merge.profile(), this::company, today());
            String reason = assessment.outcome().name().equals(survivor.state().name()) ? MERGED_DUPLICATE
                    : survivor.state() == LeadState.NURTURE && assessment.outcome() == Outcome.MQL ? NEW_ACTIVITY : null;
            apply(changes, merged, assessment, reason, duplicate.getLeadId(), mergeDetails);
            return;
        }
        // Handed to routing (SQL) or closed (DISQUALIFIED): qualification no longer decides the lead's state, so it
        // writes no state event for it (routing's history would show a stale one). The merge is on record in the
        // duplicate's RECEIVED → MERGED event, which points here; the new facts are kept in this record, which is
        // what qualification assesses again if routing hands the lead back to nurturing.
        changes.putLead(merged);
    }

    private void mergedInto(Changes changes, String leadId, RawLead raw, String survivorId) {
        if (leads.get(leadId) != null) {
            return;
        }
        // The duplicate keeps no personal data of its own: its facts live on in the survivor.
        LeadRecord lead = LeadRecord.received(leadId, raw.getReceivedAt(), raw.getProfile());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleVersion", rules.ruleVersion());
        details.put("survivingLeadId", survivorId);
        details.put("mergeWindow", rules.mergeWindow().toString());
        details.put("submittedFacts", DuplicateMerge.presentFacts(raw.getProfile()));
        LeadRecord next = lead.nextVersion().withState(LeadState.MERGED).withRelated(survivorId);
        changes.publish(leadId, Topics.LEADS_LIFECYCLE, LifecycleEvents.of(next, LeadState.RECEIVED,
                LeadState.MERGED, false, DUPLICATE_PERSON,
                "Same person as open lead " + survivorId + "; its facts were merged into " + survivorId,
                DUPLICATE_MERGE, now(), survivorId, details));
        changes.putLead(next.withProfile(null));
    }

    private void erase(Changes changes, String leadId, ErasureRequest request) {
        LeadRecord lead = leads.get(leadId);
        if (lead != null && lead.state() == LeadState.ERASED) {
            return;
        }
        LeadRecord erased = (lead == null ? LeadRecord.received(leadId, request.getRequestedAt(), null) : lead)
                .erased().nextVersion();
        if (lead != null && lead.dueDate() != null) {
            changes.unindex(lead.dueDate(), leadId);
        }
        changes.publish(leadId, Topics.LEADS_ERASURES, new LeadErasure(request.getRequestId(), leadId, now()));
        changes.publish(leadId, Topics.LEADS_LIFECYCLE, LifecycleEvents.of(erased, lead == null ? null : lead.state(),
                LeadState.ERASED, false, PRIVACY_ERASURE, "Personal data erased on request", request.getActor(),
                now(), null, Map.of("requestId", request.getRequestId())));
        changes.putLead(erased);
    }

    private void salesDecision(Changes changes, String leadId, LeadFeedback feedback) {
        LeadState target = switch (feedback.getType()) {
            case QUALIFY -> LeadState.SQL;
            case NURTURE -> LeadState.NURTURE;
            case DISQUALIFY -> LeadState.DISQUALIFIED;
            default -> null;
        };
        if (target == null) {
            return; // a partner action: routing's to answer
        }
        LeadRecord lead = leads.get(leadId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleVersion", rules.ruleVersion());
        details.put("requestId", feedback.getRequestId());
        details.put("decision", feedback.getType().name());
        String reason = "SALES_" + feedback.getType().name();
        if (lead == null) {
            LeadRecord unknown = LeadRecord.received(leadId, feedback.getAt(), null).nextVersion();
            changes.publish(leadId, Topics.LEADS_LIFECYCLE, LifecycleEvents.of(unknown, null, LeadState.UNKNOWN, true,
                    DECISION_REJECTED + "UNKNOWN_LEAD", feedback.getType() + " for a lead nobody knows",
                    feedback.getActor(), now(), null, details));
            return;
        }
        if (lead.state() == LeadState.SQL) {
            return; // handed over to routing, which decides for it now
        }
        if (lead.state() != LeadState.MQL) {
            LeadRecord next = lead.nextVersion();
            changes.publish(leadId, Topics.LEADS_LIFECYCLE, LifecycleEvents.of(next, lead.state(), lead.state(), true,
                    DECISION_REJECTED + "NOT_WAITING_FOR_SALES",
                    feedback.getType() + " for a lead in " + lead.state() + ", not waiting for inside sales",
                    feedback.getActor(), now(), null, details));
            changes.putLead(next);
            return;
        }
        String text = feedback.getReason() != null ? feedback.getReason() : feedback.getNote();
        LeadRecord next = transition(changes, lead, target, reason, text, feedback.getActor(), null, details);
        switch (target) {
            case SQL -> changes.publish(leadId, Topics.LEADS_SQL, qualified(next, LeadState.SQL, feedback.getActor())
                    .setChannelHint(feedback.getChannel()).setPinnedPartnerId(feedback.getPinnedPartnerId())
                    .setNote(feedback.getNote()).build());
            case DISQUALIFIED -> changes.count(() -> counters.disqualified(reason));
            case NURTURE -> {
                Assessment assessment = rules.assess(next.profile(), this::company, today());
                LocalDate due = assessment.dueDate() != null ? assessment.dueDate() : rules.defaultRecheck(today());
                next = next.withDueDate(due);
                changes.index(due, leadId);
                changes.publish(leadId, Topics.LEADS_NURTURE, nurture(next, LeadState.MQL, reason, text, List.of(),
                        feedback.getActor()));
            }
            default -> {
            }
        }
        changes.putLead(next);
    }

    private void handback(Changes changes, String leadId, NurtureHandoff handoff) {
        LeadRecord lead = leads.get(leadId);
        if (lead == null) {
            if (handoff.getProfile() == null) {
                throw new IllegalStateException("hand-back of unknown lead " + leadId + " without a profile");
            }
            lead = LeadRecord.received(leadId, handoff.getAt(), handoff.getProfile());
        }
        if (lead.state() == LeadState.ERASED || lead.profile() == null) {
            LOG.infof("hand-back of %s ignored: lead is %s", leadId, lead.state());
            return;
        }
        // routing wrote the lifecycle event of this change; qualification only takes the lead into custody.
        LocalDate due = handoff.getDueDate() != null ? handoff.getDueDate() : rules.defaultRecheck(today());
        if (lead.dueDate() != null) {
            changes.unindex(lead.dueDate(), leadId);
        }
        changes.index(due, leadId);
        changes.putLead(lead.withState(LeadState.NURTURE).withDueDate(due));
    }

    /** Nurture leads whose due date has come are assessed again; those whose window opened become MQL. */
    private void releaseDue() {
        Instant now = now();
        LocalDate today = today();
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = dueIndex.range(null, dueKeyPrefix(today.plusDays(1)))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            Changes changes = new Changes(now.toEpochMilli(), new RecordHeaders());
            try {
                reenter(changes, entry.key, entry.value, today);
                changes.apply();
            } catch (RuntimeException e) {
                // Left in the index: retried at the next punctuation, never lost.
                LOG.errorf(e, "nurture re-entry of %s failed; retried at the next check", entry.value);
            }
        }
    }

    private void reenter(Changes changes, String indexKey, String leadId, LocalDate today) {
        changes.unindexKey(indexKey);
        LeadRecord lead = leads.get(leadId);
        if (lead == null || lead.state() != LeadState.NURTURE || lead.dueDate() == null
                || !indexKey.equals(dueKey(lead.dueDate(), leadId))) {
            return; // stale entry: the lead moved on or got another due date
        }
        Assessment assessment = rules.assess(lead.profile(), this::company, today);
        if (assessment.outcome() == Outcome.NURTURE) {
            // Still not ready (e.g. the decision moved or passed): wait for the new date, or new activity.
            LeadRecord waiting = lead.withAssessment(assessment).withDueDate(assessment.dueDate());
            if (assessment.dueDate() != null) {
                changes.index(assessment.dueDate(), leadId);
            }
            changes.putLead(waiting);
            return;
        }
        apply(changes, lead.withDueDate(null), assessment, assessment.outcome() == Outcome.MQL ? WINDOW_OPENED : null,
                null, Map.of());
    }

    /**
     * Moves a lead to where an assessment sends it, writing the lifecycle event(s) and the topic records.
     *
     * @param reasonOverride reason code instead of the assessment's (re-entry, merge); null keeps the assessment's
     */
    private void apply(Changes changes, LeadRecord lead, Assessment assessment, String reasonOverride,
            String relatedLeadId, Map<String, Object> extraDetails) {
        Map<String, Object> details = assessment.details();
        details.putAll(extraDetails);
        LeadRecord assessed = lead.withAssessment(assessment);
        String reason = reasonOverride != null ? reasonOverride : assessment.reason();
        if (lead.dueDate() != null) {
            changes.unindex(lead.dueDate(), lead.leadId());
        }
        switch (assessment.outcome()) {
            case DISQUALIFIED -> {
                changes.putLead(transition(changes, assessed.withDueDate(null), LeadState.DISQUALIFIED, reason,
                        assessment.reasonText(), DISQUALIFICATION, relatedLeadId, details));
                String code = assessment.reason().substring(Assessment.DISQUALIFIED_PREFIX.length());
                changes.count(() -> counters.disqualified(code));
            }
            case NURTURE -> {
                LeadRecord waiting = assessed.withDueDate(assessment.dueDate());
                Actor actor = Assessment.MISSING_FACTS.equals(assessment.reason()) ? MQL_CRITERIA : DECISION_WINDOW;
                LeadRecord next = transition(changes, waiting, LeadState.NURTURE, reason, assessment.reasonText(),
                        actor, relatedLeadId, details);
                if (lead.state() != LeadState.NURTURE) {
                    changes.publish(lead.leadId(), Topics.LEADS_NURTURE, nurture(next, lead.state(),
                            assessment.reason(), assessment.reasonText(), assessment.missingFacts(), actor));
                }
                if (assessment.dueDate() != null) {
                    changes.index(assessment.dueDate(), lead.leadId());
                }
                changes.putLead(next);
            }
            case MQL -> {
                Actor actor = WINDOW_OPENED.equals(reason) ? NURTURE_REENTRY : MQL_CRITERIA;
                LeadRecord next = transition(changes, assessed.withDueDate(null), LeadState.MQL, reason,
                        assessment.reasonText(), actor, relatedLeadId, details);
                changes.publish(lead.leadId(), Topics.LEADS_MQL, qualified(next, LeadState.MQL, actor).build());
                if (assessment.promotedBySqlRule()) {
                    next = transition(changes, next, LeadState.SQL, Assessment.SQL_RULE,
                            "Grade " + assessment.score().grade() + " with the SQL rule's criteria met", SQL_PROMOTION,
                            null, details);
                    changes.publish(lead.leadId(), Topics.LEADS_SQL,
                            qualified(next, LeadState.SQL, SQL_PROMOTION).build());
                }
                changes.putLead(next);
            }
        }
    }

    private LeadRecord transition(Changes changes, LeadRecord lead, LeadState to, String reason, String reasonText,
            Actor actor, String relatedLeadId, Map<String, Object> details) {
        LeadRecord next = lead.nextVersion().withState(to);
        changes.publish(lead.leadId(), Topics.LEADS_LIFECYCLE, LifecycleEvents.of(next, lead.state(), to, false,
                reason, reasonText, actor, now(), relatedLeadId, details));
        return next;
    }

    private QualifiedLead.Builder qualified(LeadRecord lead, LeadState stage, Actor by) {
        return QualifiedLead.newBuilder()
                .setLeadId(lead.leadId())
                .setStage(stage)
                .setQualifiedAt(now())
                .setReceivedAt(lead.receivedAt())
                .setProfile(lead.profile())
                .setCompany(lead.company())
                .setQuality(lead.quality())
                .setCriteriaMet(lead.criteriaMet())
                .setCriteriaMissing(lead.criteriaMissing())
                .setQualifiedBy(by)
                .setMergedLeadIds(lead.mergedLeadIds());
    }

    private NurtureHandoff nurture(LeadRecord lead, LeadState from, String reason, String text, List<String> missing,
            Actor actor) {
        return NurtureHandoff.newBuilder()
                .setLeadId(lead.leadId())
                .setAt(now())
                .setFromState(from)
                .setReason(reason)
                .setReasonText(text)
                .setMissingFacts(missing)
                .setDueDate(lead.dueDate())
                .setActor(actor)
                .setProfile(lead.profile())
                .build();
    }

    private CompanyProfile company(String key) {
        return companySource.lookup(companies, key);
    }

    private Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Index keys sort by due day: the epoch day zero-padded, then the lead id. */
    static String dueKey(LocalDate due, String leadId) {
        return dueKeyPrefix(due) + "|" + leadId;
    }

    private static String dueKeyPrefix(LocalDate due) {
        String day = Long.toString(due.toEpochDay()); // zero-padded by hand: String.format parses its pattern per call
        return "0".repeat(Math.max(0, DUE_DAY_DIGITS - day.length())) + day;
    }

    private static Actor rule(String id) {
        return new Actor("RULE", id);
    }

    /** Everything one input changes, applied only once it has been decided completely. */
    private final class Changes {

        private final long timestamp;
        private final Headers headers;
        private final List<Record<String, Emit>> out = new ArrayList<>();
        private final Map<String, LeadRecord> leadWrites = new LinkedHashMap<>();
        private final Map<String, String> indexWrites = new LinkedHashMap<>();
        private final List<Runnable> counts = new ArrayList<>();

        Changes(long timestamp, Headers headers) {
            this.timestamp = timestamp;
            this.headers = headers;
        }

        <V extends SpecificRecord> void publish(String key, Topic<V> topic, V value) {
            out.add(new Record<>(key, (Emit) new Emit.Publish(topic, value), timestamp, headers));
        }

        void putLead(LeadRecord lead) {
            leadWrites.put(lead.leadId(), lead);
        }

        void index(LocalDate due, String leadId) {
            indexWrites.put(dueKey(due, leadId), leadId);
        }

        void unindex(LocalDate due, String leadId) {
            unindexKey(dueKey(due, leadId));
        }

        void unindexKey(String key) {
            indexWrites.put(key, null);
        }

        /** Counted only once the input has been decided completely, like everything else it changes. */
        void count(Runnable increment) {
            counts.add(increment);
        }

        void apply() {
            indexWrites.forEach(dueIndex::put);
            leadWrites.forEach(leads::put);
            out.forEach(context::forward);
            counts.forEach(Runnable::run);
        }
    }
}
