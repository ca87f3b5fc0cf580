package io.leadrelay.routing.partner;

import java.util.List;

/** A partner that may not get a lead, with every reason that rules it out. */
public record Exclusion(String partnerId, List<Reason> reasons) {

    public enum Reason {
        INACTIVE, PAUSED, OUT_OF_TERRITORY, PRODUCT_NOT_SOLD, TIER_NOT_ALLOWED_FOR_VOLUME, AT_CAPACITY, ALREADY_HAD_LEAD
    }

    public Exclusion {
        reasons = List.copyOf(reasons);
    }
}
