package io.leadrelay.qualification.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.QualificationFacts;

/** Checks the configured required facts of an MQL against a lead. Pure. */
public final class MqlCriteria {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    private final List<Criterion> required;

    public MqlCriteria(List<Criterion> required) {
        this.required = List.copyOf(required);
    }

    public List<Criterion> required() {
        return required;
    }

    public CriteriaCheck check(LeadProfile profile, CompanyFacts company) {
        List<Criterion> met = new ArrayList<>();
        List<Criterion> missing = new ArrayList<>();
        for (Criterion criterion : required) {
            (holds(criterion, profile, company) ? met : missing).add(criterion);
        }
        return new CriteriaCheck(met, missing);
    }

    static boolean holds(Criterion criterion, LeadProfile profile, CompanyFacts company) {
        QualificationFacts facts = profile.getFacts();
        return switch (criterion) {
            case DECISION_TIMING -> facts.getPurchaseDecision() != null;
            case EXPECTED_VOLUME -> facts.getExpectedVolume() != null
                    && facts.getExpectedVolume().getAmount() != null
                    && facts.getExpectedVolume().getAmount().compareTo(BigDecimal.ZERO) > 0;
            case CURRENT_PRODUCT -> present(facts.getCurrentProduct());
            case VALID_CONTACT -> validContact(profile.getContact());
            case MARKETING_CONSENT -> profile.getConsent() != null && profile.getConsent().getMarketing();
            case PRODUCT_INTEREST -> present(facts.getProductInterest());
            case COMPANY_FOUND -> company != null && company.getFound();
        };
    }

    /** Reachable by email or phone; a name alone is not a contact. */
    public static boolean validContact(Contact contact) {
        if (contact == null) {
            return false;
        }
        boolean email = contact.getEmail() != null && EMAIL.matcher(contact.getEmail().trim()).matches();
        boolean phone = contact.getPhone() != null && E164.matcher(contact.getPhone().trim()).matches();
        return email || phone;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
