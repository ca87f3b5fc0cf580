package io.leadrelay.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class LeadIdsTest {

    @Test
    void keyedIdsAreVersion5AndStablePerSourceAndKey() {
        String id = LeadIds.deterministic("api", "order-42");
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(LeadIds.deterministic("api", "order-42")).isEqualTo(id);
        assertThat(LeadIds.deterministic("web-form", "order-42")).isNotEqualTo(id);
        assertThat(LeadIds.deterministic("ap", "iorder-42")).isNotEqualTo(LeadIds.deterministic("api", "order-42"));
        assertThat(LeadIds.random()).isNotEqualTo(LeadIds.random());
    }
}
