package io.leadrelay.qualification.disqualify;

import java.util.Optional;

import io.leadrelay.qualification.company.CompanyKey;
import io.leadrelay.qualification.company.DomainList;
import io.leadrelay.schemas.LeadProfile;

/** Obvious non-leads, disqualified on arrival before anything else is looked at. Pure. */
public final class Disqualification {

    public enum Reason {
        /** A test lead from an ad platform or a configured marker: counted, never sent on. */
        TEST_LEAD,
        /** The email is from a throw-away mailbox provider. */
        DISPOSABLE_EMAIL,
        /** Consent is required and the person did not give marketing consent. */
        NO_CONSENT
    }

    private final DomainList disposable;
    private final boolean consentRequired;

    public Disqualification(DomainList disposable, boolean consentRequired) {
        this.disposable = disposable;
        this.consentRequired = consentRequired;
    }

    public Optional<Reason> check(LeadProfile profile) {
        if (profile.getTest()) {
            return Optional.of(Reason.TEST_LEAD);
        }
        if (disposable.contains(CompanyKey.emailDomain(profile.getContact().getEmail()))) {
            return Optional.of(Reason.DISPOSABLE_EMAIL);
        }
        if (consentRequired && (profile.getConsent() == null || !profile.getConsent().getMarketing())) {
            return Optional.of(Reason.NO_CONSENT);
        }
        return Optional.empty();
    }
}
