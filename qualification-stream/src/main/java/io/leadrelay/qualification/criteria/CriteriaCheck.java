package io.leadrelay.qualification.criteria;

import java.util.List;

/** Which required criteria a lead meets and which it misses, in the configured order. */
public record CriteriaCheck(List<Criterion> met, List<Criterion> missing) {

    public CriteriaCheck {
        met = List.copyOf(met);
        missing = List.copyOf(missing);
    }

    public boolean allMet() {
        return missing.isEmpty();
    }

    public List<String> metNames() {
        return met.stream().map(Enum::name).toList();
    }

    public List<String> missingNames() {
        return missing.stream().map(Enum::name).toList();
    }
}
