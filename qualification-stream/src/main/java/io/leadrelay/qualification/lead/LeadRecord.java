package io.leadrelay.qualification.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Quality;

/**
 * What qualification holds about one lead (store value, keyed by lead id).
 *
 * @param version      number of lifecycle events written for the lead; makes event ids deterministic
 * @param profile      the lead with merged duplicate facts; null once erased or for a merged-away lead
 * @param dueDate      for NURTURE: when the lead comes back by itself (null: only on new activity)
 * @param sourceChannel kept apart from the profile so events stay attributable after erasure
 */
public record LeadRecord(String leadId, LeadState state, int version, Instant receivedAt, LeadProfile profile,
        CompanyFacts company, Quality quality, List<String> criteriaMet, List<String> criteriaMissing,
        LocalDate dueDate, List<String> mergedLeadIds, String relatedLeadId, String sourceChannel, String campaign) {

    public LeadRecord {
        criteriaMet = List.copyOf(criteriaMet);
        criteriaMissing = List.copyOf(criteriaMissing);
        mergedLeadIds = List.copyOf(mergedLeadIds);
    }

    public static LeadRecord received(String leadId, Instant receivedAt, LeadProfile profile) {
        return new LeadRecord(leadId, LeadState.RECEIVED, 0, receivedAt, profile, null, null, List.of(), List.of(),
                null, List.of(), null, profile == null ? null : profile.getSource().getChannel(),
                profile == null ? null : profile.getSource().getCampaign());
    }

    public LeadRecord withState(LeadState newState) {
        return new LeadRecord(leadId, newState, version, receivedAt, profile, company, quality, criteriaMet,
                criteriaMissing, dueDate, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord nextVersion() {
        return new LeadRecord(leadId, state, version + 1, receivedAt, profile, company, quality, criteriaMet,
                criteriaMissing, dueDate, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord withProfile(LeadProfile newProfile) {
        return new LeadRecord(leadId, state, version, receivedAt, newProfile, company, quality, criteriaMet,
                criteriaMissing, dueDate, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord withAssessment(Assessment assessment) {
        return new LeadRecord(leadId, state, version, receivedAt, profile, assessment.company().facts(),
                new Quality(assessment.score().grade(), assessment.score().total()), assessment.criteria().metNames(),
                assessment.criteria().missingNames(), dueDate, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord withDueDate(LocalDate newDueDate) {
        return new LeadRecord(leadId, state, version, receivedAt, profile, company, quality, criteriaMet,
                criteriaMissing, newDueDate, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord withMerged(String mergedLeadId) {
        List<String> merged = new ArrayList<>(mergedLeadIds);
        merged.add(mergedLeadId);
        return new LeadRecord(leadId, state, version, receivedAt, profile, company, quality, criteriaMet,
                criteriaMissing, dueDate, merged, relatedLeadId, sourceChannel, campaign);
    }

    public LeadRecord withRelated(String related) {
        return new LeadRecord(leadId, state, version, receivedAt, profile, company, quality, criteriaMet,
                criteriaMissing, dueDate, mergedLeadIds, related, sourceChannel, campaign);
    }

    /** Drops every piece of personal data; what is left keeps aggregates and the audit trail consistent. */
    public LeadRecord erased() {
        return new LeadRecord(leadId, LeadState.ERASED, version, receivedAt, null, company, quality, criteriaMet,
                criteriaMissing, null, mergedLeadIds, relatedLeadId, sourceChannel, campaign);
    }
}
