package io.leadrelay.qualification.company;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.LeadProfile;

class CompanyKeyTest {

    private final CompanyKey companyKey = new CompanyKey(DomainList.freeMail(), DomainList.disposable());

    @Test
    void websiteFirstThenCompanyEmailDomainThenName() {
        LeadProfile profile = Leads.profile("anna@mail.example-group.com").setCompany(CompanyRef.newBuilder()
                .setName("Example GmbH").setWebsite("https://www.Example-GmbH.de/kontakt?x=1").build()).build();

        assertThat(companyKey.candidates(profile)).containsExactly("example-gmbh.de", "mail.example-group.com",
                "example");
    }

    @Test
    void freeMailAndDisposableDomainsAreNeverCompanyKeys() {
        LeadProfile freeMail = Leads.profile("anna.schmidt@gmx.de")
                .setCompany(CompanyRef.newBuilder().setName("Müller & Söhne GmbH & Co. KG").build()).build();
        LeadProfile disposable = Leads.profile("x@mailinator.com")
                .setCompany(CompanyRef.newBuilder().build()).build();

        assertThat(companyKey.candidates(freeMail)).containsExactly("muller-sohne");
        assertThat(companyKey.candidates(disposable)).isEmpty();
    }

    @Test
    void normalisation() {
        assertThat(CompanyKey.domainOfWebsite("http://shop.example.de:8080/")).isEqualTo("shop.example.de");
        assertThat(CompanyKey.domainOfWebsite("localhost")).isNull();
        assertThat(CompanyKey.domainOfWebsite("  ")).isNull();
        assertThat(CompanyKey.emailDomain("Anna@Example.DE")).isEqualTo("example.de");
        assertThat(CompanyKey.normalisedName("ACME Inc.")).isEqualTo("acme");
        assertThat(CompanyKey.normalisedName("GmbH")).isNull();
    }

    @Test
    void listsMatchSubdomainsAndShipWithTheModule() {
        assertThat(DomainList.freeMail().contains("gmail.com")).isTrue();
        assertThat(DomainList.freeMail().contains("example.de")).isFalse();
        assertThat(DomainList.disposable().contains("eu.mailinator.com")).isTrue();
        assertThat(DomainList.disposable().contains(null)).isFalse();
    }
}
