package io.leadrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.Territory;

class DemoDataTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");

    @Test
    void companiesAreReproducibleForASeed() {
        List<CompanyProfile> first = DemoData.companies(300, DemoData.DEFAULT_SEED, NOW);
        List<CompanyProfile> second = DemoData.companies(300, DemoData.DEFAULT_SEED, NOW);
        assertThat(second).isEqualTo(first);
        assertThat(DemoData.companies(300, 7L, NOW)).isNotEqualTo(first);
        // A longer list starts with the shorter one.
        assertThat(DemoData.companies(400, DemoData.DEFAULT_SEED, NOW).subList(0, 300)).isEqualTo(first);
    }

    @Test
    void companiesLookLikeAnAddressBrokerSet() {
        List<CompanyProfile> companies = DemoData.companies(300, DemoData.DEFAULT_SEED, NOW);
        assertThat(companies).hasSize(300);
        assertThat(companies).extracting(CompanyProfile::getDomain).doesNotHaveDuplicates()
                .allMatch(domain -> domain.matches("[a-z0-9]+(-[a-z0-9]+)*\\.(de|at|ch|fr|nl)"), "a plain domain");
        assertThat(companies).extracting(CompanyProfile::getCountry).contains("DE", "AT", "CH", "FR", "NL");
        assertThat(companies).allMatch(c -> c.getUpdatedAt().equals(NOW));

        List<BigDecimal> revenues = companies.stream().filter(c -> c.getAnnualRevenue() != null)
                .map(c -> c.getAnnualRevenue().getAmount()).toList();
        assertThat(revenues).hasSizeGreaterThanOrEqualTo(299)
                .allMatch(r -> r.scale() == 2)
                .allMatch(r -> r.compareTo(new BigDecimal("1000000")) >= 0 && r.compareTo(new BigDecimal("500000000")) <= 0);
        long large = revenues.stream().filter(r -> r.compareTo(new BigDecimal("50000000")) > 0).count();
        assertThat(large).as("companies above 50 M EUR").isBetween(60L, 150L);
        assertThat(companies).allMatch(c -> c.getAnnualRevenue() == null || "EUR".equals(c.getAnnualRevenue().getCurrency()));

        companies.forEach(DemoDataTest::assertSerializable);
    }

    @Test
    void wellKnownCompaniesComeFirst() {
        List<CompanyProfile> companies = DemoData.companies(300, 99L, NOW);
        assertThat(companies.subList(0, DemoData.WELL_KNOWN_COMPANIES.size())).extracting(CompanyProfile::getDomain)
                .containsExactlyElementsOf(DemoData.WELL_KNOWN_COMPANIES);

        CompanyProfile example = companies.get(0);
        assertThat(example.getDomain()).isEqualTo("example-gmbh.de");
        assertThat(example.getName()).isEqualTo("Example GmbH");
        assertThat(example.getAnnualRevenue().getAmount()).isEqualTo(new BigDecimal("42000000.00"));
        assertThat(example.getAnnualRevenue().getCurrency()).isEqualTo("EUR");
        assertThat(example.getEmployees()).isEqualTo(180);
        assertThat(example.getIndustry()).isEqualTo("manufacturing");
        assertThat(example.getCountry()).isEqualTo("DE");

        Map<String, CompanyProfile> byDomain = companies.stream()
                .collect(Collectors.toMap(CompanyProfile::getDomain, Function.identity()));
        assertThat(byDomain.get("beispiel-ag.de").getAnnualRevenue().getAmount()).isGreaterThan(new BigDecimal("50000000"));
        assertThat(byDomain.get("grenzfall-gmbh.de").getAnnualRevenue().getAmount()).isEqualByComparingTo("50000000");
        assertThat(byDomain.get("ohne-angaben.de").getAnnualRevenue()).isNull();

        // Fewer than the well-known ones asked for: still all of them.
        assertThat(DemoData.companies(2, 1L, NOW)).hasSize(DemoData.WELL_KNOWN_COMPANIES.size());
    }

    @Test
    void manyCompaniesStillHaveUniqueDomains() {
        List<CompanyProfile> companies = DemoData.companies(3000, 5L, NOW);
        assertThat(companies).hasSize(3000).extracting(CompanyProfile::getDomain).doesNotHaveDuplicates();
    }

    @Test
    void partners() {
        List<PartnerProfile> partners = DemoData.partners(NOW);
        assertThat(partners).hasSizeBetween(12, 15);
        assertThat(partners).extracting(PartnerProfile::getPartnerId).doesNotHaveDuplicates();
        assertThat(partners).allMatch(p -> "PT48H".equals(p.getAcceptSla()) && p.getCapacity() > 0
                && p.getUpdatedAt().equals(NOW) && !p.getTerritories().isEmpty() && !p.getProducts().isEmpty());
        assertThat(partners).flatExtracting(PartnerProfile::getTerritories).extracting(Territory::getCountry)
                .contains("DE", "AT", "CH", "FR", "NL");
        assertThat(partners).flatExtracting(PartnerProfile::getProducts)
                .contains(DemoData.INDUSTRIAL_PRINTERS, DemoData.LABEL_PRINTERS, DemoData.PRINTERS_3D);
        assertThat(partners).filteredOn(p -> !p.getActive()).hasSize(1);

        PartnerProfile muc = partners.get(0);
        assertThat(muc.getPartnerId()).isEqualTo("p-muc-01");
        assertThat(muc.getName()).isEqualTo("Muster Systemhaus München");
        assertThat(muc.getTerritories()).containsExactly(
                Territory.newBuilder().setCountry("DE").setPostalPrefixes(List.of("80", "81", "85")).build());
        assertThat(muc.getProducts()).containsExactly("industrial-printers");
        assertThat(muc.getTier()).isEqualTo(PartnerTier.GOLD);
        assertThat(muc.getCapacity()).isEqualTo(40);
        assertThat(muc.getWeight()).isEqualTo(1.0);
        assertThat(muc.getActive()).isTrue();
        assertThat(muc.getPausedUntil()).isNull();

        partners.forEach(DemoDataTest::assertSerializable);
    }

    @Test
    void slugs() {
        assertThat(DemoData.slug("Krüger Maschinenbau")).isEqualTo("krueger-maschinenbau");
        assertThat(DemoData.slug("Électronique Lefèvre")).isEqualTo("electronique-lefevre");
        assertThat(DemoData.slug("de Vries Logistiek")).isEqualTo("de-vries-logistiek");
        assertThat(DemoData.slug("Säntis & Söhne")).isEqualTo("saentis-und-soehne");
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> void assertSerializable(V record) {
        SpecificData model = SpecificData.getForClass(record.getClass());
        byte[] bytes = PlainAvroSerdes.encode(record, record.getSchema(), model);
        assertThat((Object) PlainAvroSerdes.decode(bytes, record.getSchema(), model)).isEqualTo(record);
    }
}
