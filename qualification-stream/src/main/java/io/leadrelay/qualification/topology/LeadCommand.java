package io.leadrelay.qualification.topology;

import java.time.Instant;

import io.leadrelay.qualification.lead.QualificationRules;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * What the person index and the lead processor are asked to do. The payload's topic follows from the kind.
 *
 * @param relatedLeadId for ABSORB the duplicate, for MERGED_INTO the survivor
 * @param arrival       for the received-lead kinds: what the person index decides on, so it never decodes the lead;
 *                      null for the other kinds (and for commands written by the first release, see {@link Codecs})
 */
public record LeadCommand(Kind kind, String relatedLeadId, Arrival arrival, Payload payload) {

    public enum Kind {
        /** Person index input: a received lead (RawLead). */
        RAW_LEAD(Topics.LEADS_RAW),
        /** Person index input: erase a person (ErasureRequest). */
        ERASURE(Topics.PRIVACY_ERASURE_REQUESTS),
        /** Lead input: qualify a new lead (RawLead). */
        NEW(Topics.LEADS_RAW),
        /** Lead input, keyed by the survivor: fold a duplicate's facts in (RawLead of the duplicate). */
        ABSORB(Topics.LEADS_RAW),
        /** Lead input, keyed by the duplicate: it was merged into relatedLeadId (RawLead of the duplicate). */
        MERGED_INTO(Topics.LEADS_RAW),
        /** Lead input: erase this lead (ErasureRequest). */
        ERASE(Topics.PRIVACY_ERASURE_REQUESTS),
        /** Lead input: an inside-sales (or partner) action from leads.feedback. */
        SALES_DECISION(Topics.LEADS_FEEDBACK),
        /** Lead input: routing handed the lead back to nurturing. */
        HANDBACK(Topics.LEADS_NURTURE);

        /** The catalog topic the payload was read from, in whose format it travels and is dead-lettered. */
        final Topic<?> source;

        Kind(Topic<?> source) {
            this.source = source;
        }
    }

    /**
     * A received lead as the person index needs it.
     *
     * @param disqualified the lead is disqualified on arrival (test lead, throw-away mailbox, no consent)
     */
    public record Arrival(String leadId, Instant receivedAt, boolean disqualified) {

        static Arrival of(RawLead raw, QualificationRules rules) {
            return new Arrival(raw.getLeadId(), raw.getReceivedAt(), rules.disqualifies(raw.getProfile()).isPresent());
        }
    }

    public LeadCommand {
        if (payload.topic() != kind.source) {
            throw new IllegalArgumentException(kind + " carries a record of " + kind.source.name());
        }
    }

    /** The same payload under another kind, for the next stage. */
    LeadCommand as(Kind next, String related) {
        return new LeadCommand(next, related, arrival, payload);
    }

    public RawLead raw() {
        return (RawLead) payload.value();
    }

    public ErasureRequest erasure() {
        return (ErasureRequest) payload.value();
    }

    public LeadFeedback feedback() {
        return (LeadFeedback) payload.value();
    }

    public NurtureHandoff handoff() {
        return (NurtureHandoff) payload.value();
    }
}
