package io.leadrelay.ingest.api;

/** The answer for an accepted lead: {@code 202 {"leadId": ..., "state": "RECEIVED"}}. */
public record LeadAccepted(String leadId, String state) {

    public static LeadAccepted received(String leadId) {
        return new LeadAccepted(leadId, "RECEIVED");
    }
}
