package io.leadrelay.feedback.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadSource;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.Quality;

/** Marketing-qualified leads as qualification-stream writes them to leads.mql (the contract's example lead). */
public final class Leads {

    private Leads() {
    }

    public static QualifiedLead.Builder qualified(String leadId, Instant at) {
        LeadProfile profile = LeadProfile.newBuilder()
                .setContact(new Contact("Anna", "Schmidt", "anna@example-gmbh.de", "+49891234567"))
                .setCompany(new CompanyRef("Example GmbH", "example-gmbh.de", "DE", "80538", "München"))
                .setFacts(new QualificationFacts("Q3 2027", null, new Money(new BigDecimal("1000.00"), "EUR"), "X",
                        "printers", null))
                .setSource(LeadSource.newBuilder().setChannel("web-form").setCampaign("fair").build())
                .build();
        return QualifiedLead.newBuilder().setLeadId(leadId).setStage(LeadState.MQL).setQualifiedAt(at)
                .setReceivedAt(at).setProfile(profile)
                .setCompany(CompanyFacts.newBuilder().setFound(false).build()).setQuality(new Quality(Grade.B, 64))
                .setCriteriaMet(List.of("timing", "volume")).setCriteriaMissing(List.of("currentProduct"))
                .setQualifiedBy(new Actor("RULE", "rule:mql"));
    }
}
