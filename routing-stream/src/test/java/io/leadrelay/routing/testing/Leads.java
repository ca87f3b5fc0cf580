package io.leadrelay.routing.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadSource;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.Quality;
import io.leadrelay.schemas.ReturnReason;
import io.leadrelay.schemas.Territory;

/** Builders for test records with sensible defaults: a Munich SQL lead and partners that serve it. */
public final class Leads {

    public static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private Leads() {
    }

    public static QualifiedLead.Builder sql(String leadId, Grade grade) {
        return QualifiedLead.newBuilder().setLeadId(leadId).setStage(LeadState.SQL).setQualifiedAt(T0).setReceivedAt(T0)
                .setProfile(LeadProfile.newBuilder()
                        .setContact(Contact.newBuilder().setFirstName("Anna").setLastName("Schmidt")
                                .setEmail("anna@example-gmbh.de").setPhone("+49891234567").build())
                        .setCompany(CompanyRef.newBuilder().setName("Example GmbH").setWebsite("example-gmbh.de")
                                .setCountry("DE").setPostalCode("80538").setCity("München").build())
                        .setFacts(QualificationFacts.newBuilder().setPurchaseDecisionText("2027-06-30")
                                .setPurchaseDecision(LocalDate.parse("2027-06-30"))
                                .setExpectedVolume(eur("120000")).setCurrentProduct("Competitor X")
                                .setProductInterest("industrial-printers").setMessage("Need 40 units").build())
                        .setSource(LeadSource.newBuilder().setChannel("web-form").setCampaign("autumn-fair")
                                .setUtm(Map.of()).build())
                        .build())
                .setCompany(CompanyFacts.newBuilder().setFound(true).setDomain("example-gmbh.de")
                        .setAnnualRevenue(eur("42000000")).setCountry("DE").build())
                .setQuality(new Quality(grade, 80)).setCriteriaMet(List.of()).setCriteriaMissing(List.of())
                .setQualifiedBy(new Actor("RULE", "rule:sql")).setMergedLeadIds(List.of());
    }

    public static Money eur(String amount) {
        return new Money(new BigDecimal(amount), "EUR");
    }

    public static PartnerProfile.Builder partner(String id, PartnerTier tier, String... postalPrefixes) {
        return PartnerProfile.newBuilder().setPartnerId(id).setName("Partner " + id)
                .setTerritories(List.of(new Territory("DE", List.of(postalPrefixes))))
                .setProducts(List.of("industrial-printers")).setTier(tier).setCapacity(40).setWeight(1.0)
                .setActive(true).setUpdatedAt(T0);
    }

    public static LeadFeedback partnerAction(String leadId, String partnerId, FeedbackType type, Instant at) {
        return LeadFeedback.newBuilder().setRequestId(UUID.randomUUID().toString()).setLeadId(leadId).setType(type)
                .setActor(new Actor("PARTNER", partnerId)).setPartnerId(partnerId).setAt(at).build();
    }

    public static LeadFeedback salesDecision(String leadId, FeedbackType type, Instant at) {
        return LeadFeedback.newBuilder().setRequestId(UUID.randomUUID().toString()).setLeadId(leadId).setType(type)
                .setActor(new Actor("SALES", "u-7")).setAt(at).build();
    }

    public static LeadFeedback qualify(String leadId, Channel channel, String pinnedPartner, Instant at) {
        LeadFeedback fb = salesDecision(leadId, FeedbackType.QUALIFY, at);
        fb.setChannel(channel);
        fb.setPinnedPartnerId(pinnedPartner);
        return fb;
    }

    public static PartnerReturn returned(String leadId, String partnerId, ReturnReason reason, Instant at) {
        return PartnerReturn.newBuilder().setRequestId(UUID.randomUUID().toString()).setLeadId(leadId)
                .setPartnerId(partnerId).setReason(reason).setComment("comment").setAt(at).build();
    }
}
