package io.leadrelay.harness.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.PartnerProfile;

class PartnerNetworkTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void everyGermanPostalRegionAndNeighbourCountryHasSeveralActivePartnersPerProduct() {
        PartnerNetwork network = PartnerNetwork.generate(200, 1, 100, 0, Duration.ofHours(48), NOW);
        assertThat(network.partners()).hasSize(200);
        for (String product : PartnerNetwork.PRODUCTS) {
            for (int digit = 0; digit < 10; digit++) {
                String postal = digit + "0115";
                long partners = network.active().stream()
                        .filter(p -> network.eligible(p.getPartnerId(), "DE", postal, product)).count();
                assertThat(partners).as("DE %s %s", postal, product).isGreaterThanOrEqualTo(3);
            }
            for (String country : new String[] {"AT", "CH", "FR", "NL"}) {
                assertThat(network.covered(country, "1011 AB", product)).as(country + " " + product).isTrue();
            }
        }
    }

    @Test
    void eligibilityFollowsCountryPostalPrefixProductAndActivity() {
        PartnerNetwork network = PartnerNetwork.demo(NOW);
        assertThat(network.eligible("p-muc-01", "DE", "80538", "industrial-printers")).isTrue();
        assertThat(network.eligible("p-muc-01", "DE", "80538", "3d-printers")).isFalse();
        assertThat(network.eligible("p-muc-01", "DE", "10115", "industrial-printers")).isFalse();
        assertThat(network.eligible("p-muc-01", "AT", "8053", "industrial-printers")).isFalse();
        assertThat(network.eligible("p-nue-01", "DE", "90402", "industrial-printers")).as("inactive").isFalse();
        assertThat(network.eligible("p-ams-01", "NL", "1011 AB", "label-printers")).isTrue();
        assertThat(network.eligible("nobody", "DE", "80538", "industrial-printers")).isFalse();
    }

    @Test
    void aShareOfPartnersGetsTheShortAcceptSla() {
        PartnerNetwork network = PartnerNetwork.generate(90, 3, 100, 1.0 / 3, Duration.ofSeconds(15), NOW);
        long short_ = network.partners().stream().map(PartnerProfile::getPartnerId)
                .filter(id -> network.acceptSla(id).equals(Duration.ofSeconds(15))).count();
        assertThat(short_).isBetween(15L, 45L);
    }
}
