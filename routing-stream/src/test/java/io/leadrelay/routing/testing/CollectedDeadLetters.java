package io.leadrelay.routing.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.header.Headers;

import io.leadrelay.routing.kafka.PartnerDeadLetters;

/** Partner dead letters kept in memory, for topologies in a TopologyTestDriver (no broker to park them on). */
public final class CollectedDeadLetters implements PartnerDeadLetters {

    /** One parked record. */
    public record Parked(String key, byte[] value, Headers headers) {
    }

    public final List<Parked> parked = new CopyOnWriteArrayList<>();

    @Override
    public void send(String key, byte[] value, Headers headers) {
        parked.add(new Parked(key, value, headers));
    }
}
