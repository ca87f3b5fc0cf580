package io.leadrelay.routing.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class QueryRoutingTest {

    private static final HostInfo OTHER = new HostInfo("10.0.0.7", 8093);

    @Test
    void leadOfAPartitionThisInstanceOwnsIsAnsweredHere() {
        assertThat(QueryRouting.decide(new KeyQueryMetadata(OTHER, Set.of(), 4), false, Set.of(1, 4)))
                .isEqualTo(new QueryRouting.Route.Local(4));
    }

    @Test
    void leadOwnedByAnotherInstanceIsForwardedToItsApplicationServer() {
        assertThat(QueryRouting.decide(new KeyQueryMetadata(OTHER, Set.of(), 2), false, Set.of(1, 4)))
                .isEqualTo(new QueryRouting.Route.Forward("10.0.0.7:8093"));
    }

    @Test
    void forwardedRequestIsAnsweredHereAndNeverForwardedAgain() {
        assertThat(QueryRouting.decide(new KeyQueryMetadata(OTHER, Set.of(), 2), true, Set.of(1, 4)))
                .isEqualTo(new QueryRouting.Route.Local(2));
    }

    @Test
    void withoutStreamMetadataTheQueryIsUnavailable() {
        assertThat(QueryRouting.decide(KeyQueryMetadata.NOT_AVAILABLE, false, Set.of(1)))
                .isInstanceOf(QueryRouting.Route.Unavailable.class);
        assertThat(QueryRouting.decide(null, false, Set.of(1))).isInstanceOf(QueryRouting.Route.Unavailable.class);
    }
}
