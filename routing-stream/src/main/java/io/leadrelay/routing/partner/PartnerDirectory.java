package io.leadrelay.routing.partner;

import java.util.Map;

import io.leadrelay.schemas.PartnerProfile;

/**
 * The decoded partner directory of one Kafka Streams instance: written by the loader of the global partner store
 * (which stays the source of truth and is what a restart restores from), read by every stream thread. Readers get
 * an immutable {@link PartnerIndex} snapshot; a change of {@code reference.partners} replaces it.
 */
public final class PartnerDirectory {

    private volatile PartnerIndex current = PartnerIndex.EMPTY;

    public PartnerIndex current() {
        return current;
    }

    /** The store's whole content, e.g. after it was restored. */
    public synchronized void replaceAll(Map<String, PartnerProfile> partners) {
        current = PartnerIndex.of(partners);
    }

    public synchronized void put(PartnerProfile partner) {
        current = current.with(partner);
    }

    public synchronized void remove(String partnerId) {
        current = current.without(partnerId);
    }
}
