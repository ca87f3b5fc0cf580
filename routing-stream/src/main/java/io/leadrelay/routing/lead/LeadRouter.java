package io.leadrelay.routing.lead;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import io.leadrelay.routing.channel.ChannelDecision;
import io.leadrelay.routing.history.HistoryEntry;
import io.leadrelay.routing.history.LeadHistory;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.partner.AssignmentPlan;
import io.leadrelay.routing.partner.EligibilityResult;
import io.leadrelay.routing.partner.LeadNeeds;
import io.leadrelay.routing.partner.Exclusion;
import io.leadrelay.routing.partner.PartnerDirectory;
import io.leadrelay.routing.partner.PartnerIndex;
import io.leadrelay.routing.partner.PartnerStatsBook;
import io.leadrelay.routing.partner.ScoredCandidate;
import io.leadrelay.routing.returns.ReturnDecision;
import io.leadrelay.routing.sla.SlaPolicy;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.CustomerHandoff;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.LeadErasure;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Owns every lead's routing state. All lead inputs are keyed and co-partitioned by lead id, so this one processor
 * sees each lead's events in order: the first accept of an offer wins exactly once. Answers every partner action,
 * writes one lifecycle event per transition, and fires SLA timers by wall-clock punctuation.
 */
public final class LeadRouter implements Processor<String, Inbound, String, Outbound> {

    public static final String SERVICE = "routing-stream";

    static final Actor RULE_CHANNEL = new Actor("RULE", "rule:channel");
    static final Actor RULE_SELECTION = new Actor("RULE", "rule:partner-selection");
    static final Actor RULE_RETURNS = new Actor("RULE", "rule:return-policy");
    static final Actor RULE_SLA = new Actor("RULE", "rule:sla");
    static final Actor SYSTEM = new Actor("SYSTEM", SERVICE);

    private static final Logger LOG = Logger.getLogger(LeadRouter.class);

    private final RoutingRules rules;
    private final Clock clock;
    private final PartnerDirectory directory;
    private final PartnerStatsBook partnerStats;
    private final List<Record<String, Outbound>> pending = new ArrayList<>();

    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, LeadCase> cases;
    private KeyValueStore<String, QualifiedLead> profiles;
    private KeyValueStore<String, LeadHistory> histories;
    private KeyValueStore<String, String> deadlines;

    /**
     * @param directory the decoded partner directory, kept by the global partner store's loader
     * @param partnerStats every partner's stats, kept by the global partner-stats store's loader
     */
    public LeadRouter(RoutingRules rules, Clock clock, PartnerDirectory directory, PartnerStatsBook partnerStats) {
        this.rules = rules;
        this.clock = clock;
        this.directory = directory;
        this.partnerStats = partnerStats;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        cases = context.getStateStore(StoreNames.LEAD_CASES);
        profiles = context.getStateStore(StoreNames.LEAD_PROFILES);
        histories = context.getStateStore(StoreNames.LEAD_HISTORY);
        deadlines = context.getStateStore(StoreNames.SLA_DEADLINES);
        context.schedule(rules.settings().sla().checkInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> fireDueTimers());
    }

    @Override
    public void process(Record<String, Inbound> record) {
        Inbound in = record.value();
        if (in.isPoison()) {
            LOG.warnf(in.error(), "undecodable %s record (lead %s) sent to the dead-letter topic", in.topic(),
                    record.key());
            deadLetter(record, in, in.error());
            return;
        }
        Instant now = clock.instant();
        try {
            switch (in.kind()) {
                case SQL -> onQualifiedLead((QualifiedLead) in.value(), now);
                case RETURN -> onReturn((PartnerReturn) in.value(), now);
                case FEEDBACK -> onFeedback((LeadFeedback) in.value(), now);
                case ERASURE -> onErasure((LeadErasure) in.value(), now);
                case LIFECYCLE -> onLifecycle((LifecycleEvent) in.value());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not process %s record of lead %s; sent to the dead-letter topic", in.topic(),
                    record.key());
            pending.clear();
            deadLetter(record, in, e);
            return;
        }
        flush(now);
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    private void onQualifiedLead(QualifiedLead lead, Instant now) {
        String leadId = lead.getLeadId();
        LeadCase c = cases.get(leadId);
        if (c != null && c.state != LeadState.NURTURE) {
            if (!c.erased) {
                emitLifecycle(c, lead, c.state, c.state, true, "SQL_IGNORED:ALREADY_ROUTED",
                        "the lead is already in routing (" + c.state + ")", lead.getQualifiedBy(), null, null, now);
            }
            return;
        }
        if (c == null) {
            c = new LeadCase();
            c.leadId = leadId;
        }
        c.state = LeadState.SQL;
        c.grade = lead.getQuality() == null ? null : lead.getQuality().getGrade();
        c.sourceChannel = lead.getProfile().getSource() == null ? null : lead.getProfile().getSource().getChannel();
        c.campaign = lead.getProfile().getSource() == null ? null : lead.getProfile().getSource().getCampaign();
        profiles.put(leadId, lead);

        ChannelDecision channel = rules.channelRule().decide(lead);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", channelDetails(channel));
        if (channel.channel() == Channel.DIRECT) {
            toDirect(c, lead, LeadState.SQL, "CHANNEL:" + channel.reason(), RULE_CHANNEL, details, now);
        } else {
            route(c, lead, LeadState.SQL, "CHANNEL:" + channel.reason(), details, lead.getPinnedPartnerId(), false,
                    channel.reason().equals("CHANNEL_PINNED_PARTNER") ? lead.getQualifiedBy() : RULE_SELECTION, now);
        }
        save(c);
    }

    private void onFeedback(LeadFeedback feedback, Instant now) {
        switch (feedback.getType()) {
            case QUALIFY, NURTURE, DISQUALIFY -> onSalesDecision(feedback, now);
            default -> onPartnerAction(feedback, now);
        }
    }

    private void onPartnerAction(LeadFeedback fb, Instant now) {
        String partnerId = fb.getPartnerId() != null ? fb.getPartnerId() : fb.getActor().getId();
        LeadCase c = cases.get(fb.getLeadId());
        Actor actor = new Actor("PARTNER", partnerId);
        String action = fb.getType().name();
        if (c == null || c.erased) {
            answerRejection(fb.getLeadId(), null, partnerId, fb.getRequestId(), action, "NOT_HOLDER",
                    c == null ? LeadState.UNKNOWN : LeadState.ERASED, now);
            return;
        }
        QualifiedLead lead = profiles.get(c.leadId);
        if (fb.getType() == FeedbackType.ACCEPT) {
            if (c.isOfferedTo(partnerId)) {
                if (now.toEpochMilli() > c.openOffers.get(partnerId)) {
                    reject(c, lead, partnerId, fb.getRequestId(), action, "DEADLINE_PASSED", actor, now);
                } else {
                    accept(c, lead, partnerId, fb.getRequestId(), true, now);
                }
            } else if (c.state == LeadState.ASSIGNED && partnerId.equals(c.ownerId)) {
                if (c.deadline != null && now.toEpochMilli() > c.deadline) {
                    reject(c, lead, partnerId, fb.getRequestId(), action, "DEADLINE_PASSED", actor, now);
                } else {
                    accept(c, lead, partnerId, fb.getRequestId(), false, now);
                }
            } else if (c.state == LeadState.ACCEPTED && partnerId.equals(c.ownerId)) {
                reject(c, lead, partnerId, fb.getRequestId(), action, "NOT_ALLOWED_IN_STATE", actor, now);
            } else {
                reject(c, lead, partnerId, fb.getRequestId(), action, notHolderReason(c, partnerId), actor, now);
            }
        } else if (fb.getType() == FeedbackType.PROGRESS || fb.getType() == FeedbackType.WON
                || fb.getType() == FeedbackType.LOST) {
            if (c.state == LeadState.ACCEPTED && partnerId.equals(c.ownerId)) {
                switch (fb.getType()) {
                    case PROGRESS -> progress(c, lead, fb, now);
                    case WON -> won(c, lead, fb, now);
                    default -> lost(c, lead, fb, now);
                }
            } else if (c.isHeldBy(partnerId) || c.isOfferedTo(partnerId)) {
                reject(c, lead, partnerId, fb.getRequestId(), action, "NOT_ALLOWED_IN_STATE", actor, now);
            } else {
                reject(c, lead, partnerId, fb.getRequestId(), action, notHolderReason(c, partnerId), actor, now);
            }
        } else {
            reject(c, lead, partnerId, fb.getRequestId(), action, "UNKNOWN_ACTION", actor, now);
        }
        save(c);
    }

    private void onReturn(PartnerReturn ret, Instant now) {
        String partnerId = ret.getPartnerId();
        LeadCase c = cases.get(ret.getLeadId());
        Actor actor = new Actor("PARTNER", partnerId);
        if (c == null || c.erased) {
            answerRejection(ret.getLeadId(), null, partnerId, ret.getRequestId(), "RETURN", "NOT_HOLDER",
                    c == null ? LeadState.UNKNOWN : LeadState.ERASED, now);
            return;
        }
        QualifiedLead lead = profiles.get(c.leadId);
        boolean offered = c.isOfferedTo(partnerId);
        if (!offered && !c.isHeldBy(partnerId)) {
            reject(c, lead, partnerId, ret.getRequestId(), "RETURN", notHolderReason(c, partnerId), actor, now);
            save(c);
            return;
        }
        ReturnDecision decision = rules.returnPolicy().decide(ret.getReason(), c.attempts);
        c.returnReasons.add(ret.getReason());
        LeadState from = c.state;
        if (offered) {
            c.openOffers.remove(partnerId);
        }
        emit(assignmentEvent(c, null, partnerId, AssignmentEventType.RETURNED, LeadState.RETURNED, null,
                ret.getReason().name(), ret.getRequestId(), now));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("returnReason", ret.getReason().name());
        details.put("outcome", decision.outcome().name());
        details.put("countsAgainstSource", decision.countsAgainstSource());
        details.put("attempts", c.attempts);
        details.put("maxAttempts", rules.returnPolicy().maxAttempts());
        details.put("ruleVersion", rules.settings().ruleVersion());
        if (offered && !c.openOffers.isEmpty() && decision.outcome() == io.leadrelay.routing.returns.ReturnOutcome.NEXT_PARTNER) {
            // Other offers are still open: this partner just drops out of the race.
            c.deadline = Collections.max(c.openOffers.values());
            emitLifecycle(c, lead, from, from, false, "OFFER_DECLINED:" + ret.getReason().name(), ret.getComment(),
                    actor, details, null, now);
            save(c);
            return;
        }
        withdrawOpenOffers(c, "RE_ROUTED", now);
        c.state = LeadState.RETURNED;
        c.ownerType = OwnerType.SALES;
        c.ownerId = null;
        c.deadline = null;
        emitLifecycle(c, lead, from, LeadState.RETURNED, false, "RETURNED:" + ret.getReason().name(),
                ret.getComment(), actor, details, null, now);
        switch (decision.outcome()) {
            case NEXT_PARTNER -> route(c, lead, LeadState.RETURNED, decision.reason(), new LinkedHashMap<>(), null,
                    false, RULE_SELECTION, now);
            case SALES_REVIEW -> toSalesReview(c, lead, LeadState.RETURNED, decision.reason(), RULE_RETURNS,
                    new LinkedHashMap<>(), now);
            case NURTURE -> toNurture(c, lead, LeadState.RETURNED, "NOT_READY", ret.getComment(), RULE_RETURNS, now);
            case DISQUALIFIED -> close(c, lead, LeadState.RETURNED, LeadState.DISQUALIFIED, decision.reason(),
                    RULE_RETURNS, Map.of("countsAgainstSource", true), now);
            case MERGED -> close(c, lead, LeadState.RETURNED, LeadState.MERGED, decision.reason(), RULE_RETURNS,
                    Map.of(), now);
        }
        save(c);
    }

    private void onSalesDecision(LeadFeedback fb, Instant now) {
        LeadCase c = cases.get(fb.getLeadId());
        if (c == null || c.erased || c.state == LeadState.NURTURE) {
            return; // not in routing's custody: qualification holds it
        }
        QualifiedLead lead = profiles.get(c.leadId);
        if (c.state != LeadState.SALES_REVIEW) {
            emitLifecycle(c, lead, c.state, c.state, true, "SALES_DECISION_REJECTED:NOT_IN_SALES_REVIEW",
                    fb.getType() + " is only taken for leads in SALES_REVIEW", fb.getActor(), null, null, now);
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", fb.getType().name());
        if (fb.getNote() != null) {
            details.put("note", fb.getNote());
        }
        switch (fb.getType()) {
            case QUALIFY -> {
                if (fb.getChannel() == Channel.DIRECT) {
                    toDirect(c, lead, LeadState.SALES_REVIEW, "SALES_DECISION:DIRECT", fb.getActor(), details, now);
                } else {
                    route(c, lead, LeadState.SALES_REVIEW, "SALES_DECISION:QUALIFY", details, fb.getPinnedPartnerId(),
                            true, fb.getPinnedPartnerId() != null ? fb.getActor() : RULE_SELECTION, now);
                }
            }
            case NURTURE -> toNurture(c, lead, LeadState.SALES_REVIEW, "SALES_DECISION", fb.getReason(), fb.getActor(),
                    now);
            default -> close(c, lead, LeadState.SALES_REVIEW, LeadState.DISQUALIFIED, "SALES_DECISION",
                    fb.getActor(), fb.getReason() == null ? Map.of() : Map.of("reason", fb.getReason()), now);
        }
        save(c);
    }

    private void onErasure(LeadErasure erasure, Instant now) {
        String leadId = erasure.getLeadId();
        profiles.delete(leadId);
        LeadHistory history = histories.get(leadId);
        if (history != null) {
            history.scrub();
            histories.put(leadId, history);
        }
        LeadCase c = cases.get(leadId);
        if (c == null || c.erased) {
            return;
        }
        for (String partnerId : c.triedPartners) {
            emit(assignmentEvent(c, null, partnerId, AssignmentEventType.ERASED, LeadState.ERASED, null, "ERASED",
                    null, now));
        }
        c.erased = true;
        c.state = LeadState.ERASED;
        c.ownerType = OwnerType.NONE;
        c.ownerId = null;
        c.openOffers.clear();
        c.deadline = null;
        save(c);
    }

    private void onLifecycle(LifecycleEvent event) {
        LeadHistory history = histories.get(event.getLeadId());
        if (history == null) {
            history = new LeadHistory();
        }
        if (history.add(HistoryMapper.entry(event))) {
            LeadCase c = cases.get(event.getLeadId());
            if ((c != null && c.erased) || event.getTo() == LeadState.ERASED) {
                history.scrub();
            }
            histories.put(event.getLeadId(), history);
        }
    }

    // ---- timers -------------------------------------------------------------------------------------------

    private void fireDueTimers() {
        Instant now = clock.instant();
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range(DeadlineKeys.first(),
                DeadlineKeys.lastAt(now.toEpochMilli()))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            LeadCase c = cases.get(entry.value);
            if (c == null || c.indexedDeadline == null || c.indexedDeadline != DeadlineKeys.millis(entry.key)) {
                continue; // stale entry of a deadline that changed
            }
            c.indexedDeadline = null;
            try {
                onDeadline(c, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "SLA timer of lead %s failed; it stays due", c.leadId);
                pending.clear();
                deadlines.put(entry.key, entry.value);
                continue;
            }
            save(c);
            flush(now);
        }
    }

    private void onDeadline(LeadCase c, Instant now) {
        QualifiedLead lead = profiles.get(c.leadId);
        switch (c.state) {
            case OFFERED -> {
                // Contract: an offer nobody accepted in time goes to a person (SALES_REVIEW), not to the next
                // partners; each offered partner's offer is withdrawn.
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("offeredPartners", c.openOffers.entrySet().stream()
                        .map(e -> Map.of("partnerId", e.getKey(), "deadline", Instant.ofEpochMilli(e.getValue())
                                .toString()))
                        .toList());
                for (String partnerId : c.openOffers.keySet()) {
                    emit(assignmentEvent(c, null, partnerId, AssignmentEventType.WITHDRAWN, LeadState.EXPIRED, null,
                            "OFFER_EXPIRED", null, now));
                    c.expiredOffers.add(partnerId);
                }
                toSalesReview(c, lead, LeadState.OFFERED, "OFFER_EXPIRED", RULE_SLA, details, now);
            }
            case ASSIGNED -> {
                emit(assignmentEvent(c, null, c.ownerId, AssignmentEventType.RECLAIMED, LeadState.EXPIRED, null,
                        "SLA_EXPIRED", null, now));
                c.state = LeadState.EXPIRED;
                c.ownerType = OwnerType.SALES;
                String expiredPartner = c.ownerId;
                c.ownerId = null;
                c.deadline = null;
                emitLifecycle(c, lead, LeadState.ASSIGNED, LeadState.EXPIRED, false, "SLA_EXPIRED",
                        "no accept or return from " + expiredPartner + " by the accept deadline", RULE_SLA, null, null,
                        now);
                route(c, lead, LeadState.EXPIRED, "SLA_EXPIRED", new LinkedHashMap<>(), null, false, RULE_SLA, now);
            }
            case ACCEPTED -> {
                SlaPolicy.ProgressStep step = rules.slaPolicy().onProgressDeadline(c.reminderSent);
                if (step == SlaPolicy.ProgressStep.REMIND) {
                    c.reminderSent = true;
                    c.deadline = rules.slaPolicy().escalationDeadline(now).toEpochMilli();
                    emit(assignmentEvent(c, lead, c.ownerId, AssignmentEventType.PROGRESS_REMINDER, LeadState.ACCEPTED,
                            c.deadline, "NO_PROGRESS", null, now));
                    emitLifecycle(c, lead, LeadState.ACCEPTED, LeadState.ACCEPTED, false, "PROGRESS_REMINDER",
                            "no progress update by the progress deadline", RULE_SLA, null, null, now);
                } else {
                    emit(assignmentEvent(c, null, c.ownerId, AssignmentEventType.RECLAIMED, LeadState.SALES_REVIEW,
                            null, "NO_PROGRESS", null, now));
                    toSalesReview(c, lead, LeadState.ACCEPTED, "NO_PROGRESS", RULE_SLA, new LinkedHashMap<>(), now);
                }
            }
            default -> {
                // no timer in other states
            }
        }
    }

    // ---- transitions --------------------------------------------------------------------------------------

    private void route(LeadCase c, QualifiedLead lead, LeadState from, String trigger, Map<String, Object> details,
            String pinnedPartnerId, boolean salesOverride, Actor actor, Instant now) {
        details.put("trigger", trigger);
        details.put("ruleVersion", rules.settings().ruleVersion());
        if (lead == null) {
            toSalesReview(c, null, from, "LEAD_DATA_MISSING", RULE_SELECTION, details, now);
            return;
        }
        if (lead.getProfile().getTest()) {
            toSalesReview(c, lead, from, "TEST_LEAD_NOT_SENT_TO_PARTNERS", RULE_SELECTION, details, now);
            return;
        }
        if (!salesOverride && !rules.returnPolicy().mayTryAnotherPartner(c.attempts)) {
            details.put("attempts", c.attempts);
            details.put("maxAttempts", rules.returnPolicy().maxAttempts());
            toSalesReview(c, lead, from, "ATTEMPTS_EXHAUSTED", RULE_SELECTION, details, now);
            return;
        }
        PartnerIndex partners = directory.current();
        if (pinnedPartnerId != null && !pinnedPartnerId.isBlank()) {
            PartnerProfile pinned = partners.get(pinnedPartnerId);
            details.put("pinnedPartnerId", pinnedPartnerId);
            if (pinned == null) {
                toSalesReview(c, lead, from, "PINNED_PARTNER_UNKNOWN", actor, details, now);
                return;
            }
            deliver(c, lead, from, AssignmentPlan.Mode.ASSIGN, List.of(pinned), "ASSIGNED:PINNED_BY_SALES", actor,
                    details, now);
            return;
        }
        LeadNeeds needs = needs(c, lead);
        EligibilityResult eligibility = rules.eligibility().evaluate(needs, partners, partnerStats::get, now);
        details.put("excluded", excludedDetails(eligibility));
        if (eligibility.eligible().isEmpty()) {
            toSalesReview(c, lead, from, "NO_ELIGIBLE_PARTNER", RULE_SELECTION, details, now);
            return;
        }
        List<ScoredCandidate> ranked = rules.scorer().rank(c.leadId, eligibility.eligible(), now);
        details.put("candidates", ranked.stream().map(LeadRouter::candidateDetails).toList());
        AssignmentPlan plan = rules.assignmentRule().plan(c.grade, needs.volumeEur(), ranked);
        details.put("plan", Map.of("mode", plan.mode().name(), "reason", plan.reason(), "partners",
                plan.partners().stream().map(ScoredCandidate::partnerId).toList()));
        deliver(c, lead, from, plan.mode(), plan.partners().stream().map(s -> s.candidate().profile()).toList(),
                plan.mode() == AssignmentPlan.Mode.ASSIGN ? "ASSIGNED:" + plan.reason() : "OFFERED:" + plan.reason(),
                actor, details, now);
    }

    private void deliver(LeadCase c, QualifiedLead lead, LeadState from, AssignmentPlan.Mode mode,
            List<PartnerProfile> to, String reason, Actor actor, Map<String, Object> details, Instant now) {
        c.attempts++;
        to.forEach(p -> c.triedPartners.add(p.getPartnerId()));
        c.openOffers.clear();
        c.reminderSent = false;
        c.ownerType = OwnerType.PARTNER;
        if (mode == AssignmentPlan.Mode.ASSIGN) {
            PartnerProfile partner = to.get(0);
            c.state = LeadState.ASSIGNED;
            c.ownerId = partner.getPartnerId();
            c.deadline = rules.slaPolicy().acceptDeadline(partner, now).toEpochMilli();
            emit(assignmentEvent(c, lead, c.ownerId, AssignmentEventType.ASSIGNED, LeadState.ASSIGNED, c.deadline,
                    null, null, now));
        } else {
            c.state = LeadState.OFFERED;
            c.ownerId = null;
            for (PartnerProfile partner : to) {
                c.openOffers.put(partner.getPartnerId(), rules.slaPolicy().acceptDeadline(partner, now).toEpochMilli());
            }
            c.deadline = Collections.max(c.openOffers.values());
            for (PartnerProfile partner : to) {
                emit(assignmentEvent(c, lead, partner.getPartnerId(), AssignmentEventType.OFFERED, LeadState.OFFERED,
                        c.openOffers.get(partner.getPartnerId()), null, null, now));
            }
        }
        emitLifecycle(c, lead, from, c.state, false, reason, null, actor, details, null, now);
    }

    private void accept(LeadCase c, QualifiedLead lead, String partnerId, String requestId, boolean fromOffer,
            Instant now) {
        Actor actor = new Actor("PARTNER", partnerId);
        if (fromOffer) {
            c.openOffers.remove(partnerId);
            withdrawOpenOffers(c, "OFFER_TAKEN", now);
            c.state = LeadState.ASSIGNED;
            c.ownerId = partnerId;
            emitLifecycle(c, lead, LeadState.OFFERED, LeadState.ASSIGNED, false, "OFFER_ACCEPTED_FIRST", null, actor,
                    null, null, now);
        }
        c.state = LeadState.ACCEPTED;
        c.ownerType = OwnerType.PARTNER;
        c.ownerId = partnerId;
        c.reminderSent = false;
        c.deadline = rules.slaPolicy().progressDeadline(now).toEpochMilli();
        emit(assignmentEvent(c, lead, partnerId, AssignmentEventType.ACCEPTED, LeadState.ACCEPTED, c.deadline, null,
                requestId, now));
        emitLifecycle(c, lead, LeadState.ASSIGNED, LeadState.ACCEPTED, false, "ACCEPTED", null, actor, null, null, now);
    }

    private void progress(LeadCase c, QualifiedLead lead, LeadFeedback fb, Instant now) {
        c.reminderSent = false;
        c.deadline = rules.slaPolicy().progressDeadline(now).toEpochMilli();
        emit(assignmentEvent(c, null, c.ownerId, AssignmentEventType.PROGRESS_RECORDED, LeadState.ACCEPTED,
                c.deadline, null, fb.getRequestId(), now));
        LifecycleEvent event = lifecycle(c, lead, LeadState.ACCEPTED, LeadState.ACCEPTED, false, "PROGRESS_RECORDED",
                fb.getNote(), new Actor("PARTNER", c.ownerId), null, fb.getValue(), now);
        if (fb.getExpectedCloseDate() != null) {
            event.setExpectedDecision(fb.getExpectedCloseDate());
        }
        emit(Outbound.of(Outbound.Target.LIFECYCLE, event), null);
    }

    private void won(LeadCase c, QualifiedLead lead, LeadFeedback fb, Instant now) {
        String partnerId = c.ownerId;
        Actor actor = new Actor("PARTNER", partnerId);
        c.state = LeadState.WON;
        c.deadline = null;
        emitLifecycle(c, lead, LeadState.ACCEPTED, LeadState.WON, false, "WON", fb.getNote(), actor, null,
                fb.getValue(), now);
        emit(assignmentEvent(c, null, partnerId, AssignmentEventType.CLOSED, LeadState.WON, null, "WON",
                fb.getRequestId(), now));
        emit(Outbound.of(Outbound.Target.CUSTOMERS, CustomerHandoff.newBuilder().setLeadId(c.leadId).setWonAt(now)
                .setPartnerId(partnerId).setValue(fb.getValue()).setNote(fb.getNote())
                .setProfile(lead == null ? null : lead.getProfile()).build()), null);
        c.state = LeadState.CUSTOMER;
        c.ownerType = OwnerType.CUSTOMER_MARKETING;
        c.ownerId = null;
        emitLifecycle(c, lead, LeadState.WON, LeadState.CUSTOMER, false, "HANDED_TO_CUSTOMER_MARKETING", null,
                RULE_SELECTION, null, fb.getValue(), now);
    }

    private void lost(LeadCase c, QualifiedLead lead, LeadFeedback fb, Instant now) {
        String partnerId = c.ownerId;
        Actor actor = new Actor("PARTNER", partnerId);
        c.state = LeadState.LOST;
        c.deadline = null;
        emitLifecycle(c, lead, LeadState.ACCEPTED, LeadState.LOST, false, "LOST:" + fb.getLostReason(),
                fb.getNote(), actor, null, null, now);
        emit(assignmentEvent(c, null, partnerId, AssignmentEventType.CLOSED, LeadState.LOST, null, "LOST",
                fb.getRequestId(), now));
        toNurture(c, lead, LeadState.LOST, "LOST", fb.getLostReason(), actor, now);
    }

    private void toDirect(LeadCase c, QualifiedLead lead, LeadState from, String reason, Actor actor,
            Map<String, Object> details, Instant now) {
        details.put("ruleVersion", rules.settings().ruleVersion());
        c.state = LeadState.DIRECT;
        c.ownerType = OwnerType.DIRECT;
        c.ownerId = null;
        c.deadline = null;
        emit(Outbound.of(Outbound.Target.DIRECT, lead), null);
        emitLifecycle(c, lead, from, LeadState.DIRECT, false, reason, null, actor, details, null, now);
    }

    private void toSalesReview(LeadCase c, QualifiedLead lead, LeadState from, String reason, Actor actor,
            Map<String, Object> details, Instant now) {
        details.putIfAbsent("ruleVersion", rules.settings().ruleVersion());
        c.state = LeadState.SALES_REVIEW;
        c.ownerType = OwnerType.SALES;
        c.ownerId = null;
        c.openOffers.clear();
        c.deadline = null;
        emitLifecycle(c, lead, from, LeadState.SALES_REVIEW, false, reason, null, actor, details, null, now);
    }

    private void toNurture(LeadCase c, QualifiedLead lead, LeadState from, String reason, String reasonText,
            Actor actor, Instant now) {
        c.state = LeadState.NURTURE;
        c.ownerType = OwnerType.MARKETING;
        c.ownerId = null;
        c.openOffers.clear();
        c.deadline = null;
        emit(Outbound.of(Outbound.Target.NURTURE, NurtureHandoff.newBuilder().setLeadId(c.leadId).setAt(now)
                .setFromState(from).setReason(reason).setReasonText(reasonText).setActor(actor)
                .setProfile(lead == null ? null : lead.getProfile()).build()), null);
        emitLifecycle(c, lead, from, LeadState.NURTURE, false, reason, reasonText, actor, null, null, now);
    }

    private void close(LeadCase c, QualifiedLead lead, LeadState from, LeadState to, String reason, Actor actor,
            Map<String, Object> details, Instant now) {
        c.state = to;
        c.ownerType = OwnerType.NONE;
        c.ownerId = null;
        c.openOffers.clear();
        c.deadline = null;
        emitLifecycle(c, lead, from, to, false, reason, null, actor, details.isEmpty() ? null : details, null, now);
    }

    private void withdrawOpenOffers(LeadCase c, String reason, Instant now) {
        for (String partnerId : c.openOffers.keySet()) {
            emit(assignmentEvent(c, null, partnerId, AssignmentEventType.WITHDRAWN, c.state, null, reason, null, now));
        }
        c.openOffers.clear();
    }

    private void reject(LeadCase c, QualifiedLead lead, String partnerId, String requestId, String action,
            String reason, Actor actor, Instant now) {
        answerRejection(c.leadId, c, partnerId, requestId, action, reason, c.state, now);
        emitLifecycle(c, lead, c.state, c.state, true, action + "_REJECTED:" + reason, null, actor, null, null, now);
    }

    private void answerRejection(String leadId, LeadCase c, String partnerId, String requestId, String action,
            String reason, LeadState state, Instant now) {
        AssignmentEvent event = AssignmentEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId(leadId)
                .setPartnerId(partnerId).setType(AssignmentEventType.ACTION_REJECTED).setAt(now).setState(state)
                .setReason(reason).setRequestId(requestId).setAttempt(c == null ? 0 : c.attempts).build();
        LOG.debugf("%s of lead %s by %s rejected: %s", action, leadId, partnerId, reason);
        emit(Outbound.of(Outbound.Target.ASSIGNMENTS, event), partnerId);
    }

    /**
     * A partner that is not the holder: its offer expired unanswered (DEADLINE_PASSED), it lost an offer race or was
     * withdrawn (OFFER_TAKEN), or it never had the lead.
     */
    private static String notHolderReason(LeadCase c, String partnerId) {
        return c.expiredOffers.contains(partnerId) ? "DEADLINE_PASSED"
                : c.triedPartners.contains(partnerId) ? "OFFER_TAKEN" : "NOT_HOLDER";
    }

    // ---- building output records ---------------------------------------------------------------------------

    /** What the partner needs to work the lead; {@code lead} null for events that carry no lead data. */
    private AssignmentEvent assignmentEvent(LeadCase c, QualifiedLead lead, String partnerId, AssignmentEventType type,
            LeadState state, Long deadline, String reason, String requestId, Instant now) {
        AssignmentEvent.Builder b = AssignmentEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setLeadId(c.leadId).setPartnerId(partnerId).setType(type).setAt(now).setState(state)
                .setDeadline(deadline == null ? null : Instant.ofEpochMilli(deadline)).setReason(reason)
                .setRequestId(requestId).setAttempt(Math.max(1, c.attempts))
                .setPreviousReturnReasons(new ArrayList<>(c.returnReasons));
        if (lead != null) {
            b.setContact(lead.getProfile().getContact()).setCompany(lead.getProfile().getCompany())
                    .setFacts(lead.getProfile().getFacts()).setQuality(lead.getQuality());
        }
        return b.build();
    }

    private void emit(AssignmentEvent event) {
        emit(Outbound.of(Outbound.Target.ASSIGNMENTS, event), event.getPartnerId());
    }

    private void emitLifecycle(LeadCase c, QualifiedLead lead, LeadState from, LeadState to, boolean rejected,
            String reason, String reasonText, Actor actor, Map<String, Object> details, Money value, Instant now) {
        emit(Outbound.of(Outbound.Target.LIFECYCLE,
                lifecycle(c, lead, from, to, rejected, reason, reasonText, actor, details, value, now)), null);
    }

    private LifecycleEvent lifecycle(LeadCase c, QualifiedLead lead, LeadState from, LeadState to, boolean rejected,
            String reason, String reasonText, Actor actor, Map<String, Object> details, Money value, Instant now) {
        Money amount = value;
        java.time.LocalDate expected = null;
        if (lead != null) {
            if (amount == null) {
                amount = lead.getProfile().getFacts().getExpectedVolume();
            }
            expected = lead.getProfile().getFacts().getPurchaseDecision();
        }
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setLeadId(c.leadId).setFrom(from)
                .setTo(to).setRejected(rejected).setReason(reason).setReasonText(reasonText).setActor(actor)
                .setAt(now).setOwnerType(c.ownerType).setOwnerId(c.ownerId)
                .setDeadline(c.deadline == null ? null : Instant.ofEpochMilli(c.deadline)).setAttempt(c.attempts)
                .setSourceChannel(c.sourceChannel).setCampaign(c.campaign).setGrade(c.grade).setValue(amount)
                .setExpectedDecision(expected).setDetailsJson(details == null ? null : Json.write(details)).build();
    }

    private void emit(Outbound out, String partnerId) {
        Headers headers = new RecordHeaders();
        if (partnerId != null) {
            headers.add(Topics.PARTNER_ID_HEADER, partnerId.getBytes(StandardCharsets.UTF_8));
        }
        String key = out.value() instanceof AssignmentEvent a ? a.getLeadId()
                : out.value() instanceof LifecycleEvent l ? l.getLeadId()
                : out.value() instanceof NurtureHandoff n ? n.getLeadId()
                : out.value() instanceof CustomerHandoff h ? h.getLeadId()
                : ((QualifiedLead) out.value()).getLeadId();
        pending.add(new Record<>(key, out, 0L, headers));
    }

    private void flush(Instant now) {
        for (Record<String, Outbound> r : pending) {
            context.forward(r.withTimestamp(now.toEpochMilli()));
        }
        pending.clear();
    }

    private void deadLetter(Record<String, Inbound> record, Inbound in, Exception error) {
        Headers headers = DeadLetterHeaders.describe(record.headers(), error, in.topic(), in.partition(), in.offset(),
                SERVICE, clock.instant());
        context.forward(new Record<>(record.key(), Outbound.deadLetter(in.raw()),
                record.timestamp(), headers));
    }

    // ---- state ---------------------------------------------------------------------------------------------

    private void save(LeadCase c) {
        if (c.indexedDeadline != null && !c.indexedDeadline.equals(c.deadline)) {
            deadlines.delete(DeadlineKeys.of(c.indexedDeadline, c.leadId));
            c.indexedDeadline = null;
        }
        if (c.deadline != null && c.indexedDeadline == null) {
            deadlines.put(DeadlineKeys.of(c.deadline, c.leadId), c.leadId);
            c.indexedDeadline = c.deadline;
        }
        cases.put(c.leadId, c);
    }

    private LeadNeeds needs(LeadCase c, QualifiedLead lead) {
        var company = lead.getProfile().getCompany();
        String country = company.getCountry() != null ? company.getCountry()
                : lead.getCompany() == null ? null : lead.getCompany().getCountry();
        BigDecimal volume = rules.euro().toEur(lead.getProfile().getFacts().getExpectedVolume()).orElse(null);
        return new LeadNeeds(c.leadId, country, company.getPostalCode(), lead.getProfile().getFacts().getProductInterest(),
                volume, c.grade, java.util.Set.copyOf(c.triedPartners));
    }

    /**
     * The excluded partners grouped by their reasons (with hundreds of partners most share the same few, and this
     * keeps the explanation small); the partners outside the lead's territory form one group whose other criteria
     * were not checked, as territory alone rules them out.
     */
    private static List<Map<String, Object>> excludedDetails(EligibilityResult eligibility) {
        Map<List<Exclusion.Reason>, List<String>> byReasons = new LinkedHashMap<>();
        for (Exclusion e : eligibility.excluded()) {
            byReasons.computeIfAbsent(e.reasons(), k -> new ArrayList<>()).add(e.partnerId());
        }
        List<Map<String, Object>> groups = new ArrayList<>(byReasons.size() + 1);
        byReasons.entrySet().stream().sorted(Map.Entry.comparingByKey(REASONS_ORDER)).forEach(e -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("reasons", e.getKey().stream().map(Enum::name).toList());
            group.put("partnerIds", e.getValue());
            groups.add(group);
        });
        if (!eligibility.outOfTerritory().isEmpty()) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("reasons", List.of(Exclusion.Reason.OUT_OF_TERRITORY.name()));
            group.put("count", eligibility.outOfTerritory().size());
            group.put("partnerIds", eligibility.outOfTerritory());
            group.put("otherCriteriaChecked", false);
            groups.add(group);
        }
        return groups;
    }

    /** Groups in the order of their reasons' names joined, as the explanation always listed them. */
    private static final java.util.Comparator<List<Exclusion.Reason>> REASONS_ORDER = java.util.Comparator.comparing(
            reasons -> reasons.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));

    private static Map<String, Object> channelDetails(ChannelDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", d.channel().name());
        m.put("reason", d.reason());
        m.put("flagged", d.flagged());
        if (d.revenueEur() != null) {
            m.put("revenueEur", d.revenueEur());
        }
        m.put("thresholdEur", d.thresholdEur());
        return m;
    }

    private static Map<String, Object> candidateDetails(ScoredCandidate s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partnerId", s.partnerId());
        m.put("score", s.score());
        m.put("parts", Map.of("tier", s.tier(), "fit", s.fit(), "load", s.load(), "fairness", s.fairness(),
                "performance", s.performance()));
        return m;
    }
}
