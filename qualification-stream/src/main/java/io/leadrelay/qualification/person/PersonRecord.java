package io.leadrelay.qualification.person;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the person index holds about one person (store value, keyed by person key).
 *
 * @param openLeadId the lead duplicates merge into; null when the person has no open lead
 * @param openedAt   when the open lead was received: the merge window counts from here
 * @param leadIds    every lead id of the person (open, merged, disqualified): for idempotency and erasure
 */
public record PersonRecord(String openLeadId, Instant openedAt, List<String> leadIds) {

    public PersonRecord {
        leadIds = List.copyOf(leadIds);
    }

    public boolean knows(String leadId) {
        return leadIds.contains(leadId);
    }

    public PersonRecord with(String leadId) {
        List<String> ids = new ArrayList<>(leadIds);
        ids.add(leadId);
        return new PersonRecord(openLeadId, openedAt, ids);
    }

    public PersonRecord opening(String leadId, Instant at) {
        return new PersonRecord(leadId, at, leadIds);
    }
}
