package io.leadrelay.qualification.merge;

import java.util.ArrayList;
import java.util.List;

import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;

/**
 * Folds a duplicate submission of the same person into the surviving lead: the newer statement of the decision
 * timing and product interest wins, the higher expected volume wins, the newer consent wins (a withdrawal counts),
 * and gaps in contact, company and facts are filled. Source and test flag stay the survivor's. Pure.
 */
public final class DuplicateMerge {

    private DuplicateMerge() {
    }

    /** The merged profile and the names of the facts the duplicate changed. */
    public record Result(LeadProfile profile, List<String> changed) {
    }

    public static Result merge(LeadProfile survivor, LeadProfile duplicate) {
        List<String> changed = new ArrayList<>();
        QualificationFacts facts = QualificationFacts.newBuilder(survivor.getFacts()).build();
        QualificationFacts incoming = duplicate.getFacts();
        if (incoming.getPurchaseDecision() != null && !incoming.getPurchaseDecision().equals(facts.getPurchaseDecision())) {
            facts.setPurchaseDecision(incoming.getPurchaseDecision());
            facts.setPurchaseDecisionText(incoming.getPurchaseDecisionText());
            changed.add("purchaseDecision");
        }
        if (higher(incoming.getExpectedVolume(), facts.getExpectedVolume())) {
            facts.setExpectedVolume(incoming.getExpectedVolume());
            changed.add("expectedVolume");
        }
        if (present(incoming.getProductInterest()) && !incoming.getProductInterest().equals(facts.getProductInterest())) {
            facts.setProductInterest(incoming.getProductInterest());
            changed.add("productInterest");
        }
        if (!present(facts.getCurrentProduct()) && present(incoming.getCurrentProduct())) {
            facts.setCurrentProduct(incoming.getCurrentProduct());
            changed.add("currentProduct");
        }
        if (present(incoming.getMessage()) && !incoming.getMessage().equals(facts.getMessage())) {
            facts.setMessage(incoming.getMessage());
            changed.add("message");
        }

        Contact contact = Contact.newBuilder(survivor.getContact()).build();
        Contact newContact = duplicate.getContact();
        fill(changed, "contact.firstName", contact.getFirstName(), newContact.getFirstName(), contact::setFirstName);
        fill(changed, "contact.lastName", contact.getLastName(), newContact.getLastName(), contact::setLastName);
        fill(changed, "contact.email", contact.getEmail(), newContact.getEmail(), contact::setEmail);
        fill(changed, "contact.phone", contact.getPhone(), newContact.getPhone(), contact::setPhone);

        CompanyRef company = CompanyRef.newBuilder(survivor.getCompany()).build();
        CompanyRef newCompany = duplicate.getCompany();
        fill(changed, "company.name", company.getName(), newCompany.getName(), company::setName);
        fill(changed, "company.website", company.getWebsite(), newCompany.getWebsite(), company::setWebsite);
        fill(changed, "company.country", company.getCountry(), newCompany.getCountry(), company::setCountry);
        fill(changed, "company.postalCode", company.getPostalCode(), newCompany.getPostalCode(), company::setPostalCode);
        fill(changed, "company.city", company.getCity(), newCompany.getCity(), company::setCity);

        LeadProfile.Builder merged = LeadProfile.newBuilder(survivor).setFacts(facts).setContact(contact)
                .setCompany(company);
        if (duplicate.getConsent() != null && !duplicate.getConsent().equals(survivor.getConsent())) {
            merged.setConsent(duplicate.getConsent());
            changed.add("consent");
        }
        return new Result(merged.build(), List.copyOf(changed));
    }

    /** Names of the qualification facts a submission states, for the duplicate's MERGED event. */
    public static List<String> presentFacts(LeadProfile profile) {
        QualificationFacts facts = profile.getFacts();
        List<String> present = new ArrayList<>(5);
        if (facts.getPurchaseDecision() != null) {
            present.add("purchaseDecision");
        }
        if (facts.getExpectedVolume() != null && facts.getExpectedVolume().getAmount() != null) {
            present.add("expectedVolume");
        }
        if (present(facts.getProductInterest())) {
            present.add("productInterest");
        }
        if (present(facts.getCurrentProduct())) {
            present.add("currentProduct");
        }
        if (present(facts.getMessage())) {
            present.add("message");
        }
        return present;
    }

    private static boolean higher(Money incoming, Money current) {
        if (incoming == null || incoming.getAmount() == null) {
            return false;
        }
        if (current == null || current.getAmount() == null || !incoming.getCurrency().equals(current.getCurrency())) {
            return current == null || !incoming.equals(current);
        }
        return incoming.getAmount().compareTo(current.getAmount()) > 0;
    }

    private static void fill(List<String> changed, String name, String current, String incoming,
            java.util.function.Consumer<String> setter) {
        if (!present(current) && present(incoming)) {
            setter.accept(incoming);
            changed.add(name);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
