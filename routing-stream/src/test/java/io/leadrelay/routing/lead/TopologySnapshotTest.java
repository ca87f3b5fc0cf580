package io.leadrelay.routing.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.testing.CollectedDeadLetters;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.testsupport.PlainAvroSerdes;

/**
 * Node, store and topic names are part of the deployed state (changelogs, offsets): a change must be deliberate.
 * To accept one, replace src/test/resources/topology.txt with target/topology-actual.txt.
 */
class TopologySnapshotTest {

    @Test
    void topologyMatchesTheSnapshot() throws IOException {
        String actual = new RoutingTopology(RoutingRules.of(RoutingSettings.defaults()), new CollectedDeadLetters(),
                new PlainAvroSerdes(),
                Clock.systemUTC(), true).build().describe().toString();
        Files.writeString(Path.of("target/topology-actual.txt"), actual, StandardCharsets.UTF_8);
        String expected = Files.readString(Path.of("src/test/resources/topology.txt"), StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).doesNotContain("KSTREAM-", "KTABLE-");
    }
}
