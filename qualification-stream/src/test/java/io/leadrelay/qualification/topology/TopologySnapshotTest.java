package io.leadrelay.qualification.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.testsupport.PlainAvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Pins the topology's shape: processor, store and repartition topic names are part of the running application's
 * state (changelog and repartition topics are named after them), so a rename must be a deliberate change here.
 */
class TopologySnapshotTest {

    private static final QualificationTopology.Wiring WIRING = new QualificationTopology.Wiring(
            QualificationTopology.storesOf(Map.of()), (key, value, headers) -> {
            }, new QualificationCounters(new SimpleMeterRegistry()));

    @Test
    void topologyMatchesTheSnapshot() throws IOException {
        TopologyDescription description = QualificationTopology.build(new PlainAvroSerdes(), TestConfig.rules(),
                Clock.systemUTC(), Duration.ofMinutes(1), WIRING).describe();

        String snapshot;
        try (InputStream in = getClass().getResourceAsStream("/topology-description.txt")) {
            assertThat(in).as("snapshot resource").isNotNull();
            snapshot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(description.toString().strip()).isEqualTo(snapshot.strip());
    }

    @Test
    void everyStoreAndRepartitionTopicIsNamedExplicitly() {
        String description = QualificationTopology.build(new PlainAvroSerdes(), TestConfig.rules(),
                Clock.systemUTC(), Duration.ofMinutes(1), WIRING).describe().toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "KSTREAM-SOURCE-");
        assertThat(description).contains(Names.PERSON_COMMANDS_REPARTITION + "-repartition",
                Names.LEAD_COMMANDS_REPARTITION + "-repartition", Names.PERSON_INDEX_STORE, Names.LEAD_STATE_STORE,
                Names.DUE_INDEX_STORE, Names.COMPANY_SOURCE_STORE);
    }
}
