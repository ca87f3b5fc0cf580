package io.leadrelay.ingest.lead;

import java.util.List;

import io.leadrelay.schemas.LeadProfile;

/** The outcome of normalising one submission: a profile, or the reasons it was refused. */
public record Normalised(LeadProfile profile, List<FieldError> errors) {

    public static Normalised accepted(LeadProfile profile) {
        return new Normalised(profile, List.of());
    }

    public static Normalised rejected(List<FieldError> errors) {
        return new Normalised(null, List.copyOf(errors));
    }

    public boolean isAccepted() {
        return profile != null;
    }
}
