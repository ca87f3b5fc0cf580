package io.leadrelay.feedback.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.http.ProblemException;
import io.leadrelay.schemas.PartnerProfile;

class MasterDataTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    private static String partnerWithSla(String sla) {
        return """
                {"name": "Muster Systemhaus", "territories": [{"country": "DE"}], "products": ["industrial-printers"],
                 "tier": "GOLD", "capacity": 10, "acceptSla": "%s"}""".formatted(sla);
    }

    @Test
    void anAcceptSlaWithinTheConfiguredBoundsIsKept() {
        PartnerProfile partner = MasterData.partner("p-short", partnerWithSla("PT20S"), NOW,
                Duration.ofSeconds(10), Duration.ofDays(60));

        assertThat(partner.getAcceptSla()).isEqualTo("PT20S");
    }

    @Test
    void anAcceptSlaShorterThanTheConfiguredMinimumIsRefused() {
        assertThatThrownBy(() -> MasterData.partner("p-short", partnerWithSla("PT20S"), NOW,
                Duration.ofMinutes(5), Duration.ofDays(60)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.response().getStatus()).isEqualTo(422);
                    assertThat(((Map<?, ?>) e.response().getEntity()).get("errors").toString())
                            .contains("acceptSla").contains("PT5M");
                });
    }
}
