package io.leadrelay.qualification.company;

import java.util.List;
import java.util.function.Function;

import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.LeadProfile;

/** Enriches a lead from the one fixed company source: the first {@link CompanyKey} candidate the source knows. Pure. */
public final class CompanyEnrichment {

    private final CompanyKey companyKey;

    public CompanyEnrichment(CompanyKey companyKey) {
        this.companyKey = companyKey;
    }

    /** The enrichment and the keys that were tried, in order. */
    public record Result(CompanyFacts facts, List<String> candidates) {
    }

    public Result enrich(LeadProfile profile, Function<String, CompanyProfile> source) {
        List<String> candidates = companyKey.candidates(profile);
        for (String key : candidates) {
            CompanyProfile company = source.apply(key);
            if (company != null) {
                return new Result(CompanyFacts.newBuilder().setFound(true).setDomain(key)
                        .setAnnualRevenue(company.getAnnualRevenue()).setEmployees(company.getEmployees())
                        .setIndustry(company.getIndustry()).setCountry(company.getCountry()).build(), candidates);
            }
        }
        return new Result(CompanyFacts.newBuilder().setFound(false)
                .setDomain(candidates.isEmpty() ? null : candidates.get(0)).build(), candidates);
    }
}
