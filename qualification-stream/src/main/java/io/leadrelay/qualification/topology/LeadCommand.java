package io.leadrelay.qualification.topology;

import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.RawLead;

/**
 * What the person index and the lead processor are asked to do. The payload type follows from the kind.
 *
 * @param relatedLeadId for ABSORB the duplicate, for MERGED_INTO the survivor
 */
public record LeadCommand(Kind kind, String relatedLeadId, SpecificRecord payload) {

    public enum Kind {
        /** Person index input: a received lead (RawLead). */
        RAW_LEAD(RawLead.class),
        /** Person index input: erase a person (ErasureRequest). */
        ERASURE(ErasureRequest.class),
        /** Lead input: qualify a new lead (RawLead). */
        NEW(RawLead.class),
        /** Lead input, keyed by the survivor: fold a duplicate's facts in (RawLead of the duplicate). */
        ABSORB(RawLead.class),
        /** Lead input, keyed by the duplicate: it was merged into relatedLeadId (RawLead of the duplicate). */
        MERGED_INTO(RawLead.class),
        /** Lead input: erase this lead (ErasureRequest). */
        ERASE(ErasureRequest.class),
        /** Lead input: an inside-sales (or partner) action from leads.feedback. */
        SALES_DECISION(LeadFeedback.class),
        /** Lead input: routing handed the lead back to nurturing. */
        HANDBACK(NurtureHandoff.class);

        final Class<? extends SpecificRecord> payloadType;

        Kind(Class<? extends SpecificRecord> payloadType) {
            this.payloadType = payloadType;
        }
    }

    public LeadCommand {
        if (!kind.payloadType.isInstance(payload)) {
            throw new IllegalArgumentException(kind + " carries a " + kind.payloadType.getSimpleName());
        }
    }

    public RawLead raw() {
        return (RawLead) payload;
    }

    public ErasureRequest erasure() {
        return (ErasureRequest) payload;
    }

    public LeadFeedback feedback() {
        return (LeadFeedback) payload;
    }

    public NurtureHandoff handoff() {
        return (NurtureHandoff) payload;
    }
}
