package io.leadrelay.routing.history;

import java.util.List;

/**
 * Every lifecycle event of one lead in arrival order; events already seen (by id) are not added twice. Held in its
 * stored form ({@link HistoryCodec}): adding an event neither decodes nor re-encodes the events before it.
 */
public final class LeadHistory {

    /** Never changed in place: the store and its cache may hold the same array. */
    private byte[] bytes;

    public LeadHistory() {
        this(HistoryCodec.empty());
    }

    LeadHistory(byte[] bytes) {
        this.bytes = bytes;
    }

    public boolean add(HistoryEntry entry) {
        if (HistoryCodec.contains(bytes, entry.eventId())) {
            return false;
        }
        bytes = HistoryCodec.append(bytes, entry);
        return true;
    }

    public List<HistoryEntry> entries() {
        return HistoryCodec.entries(bytes);
    }

    /** After an erasure: free text and decision details may carry personal data, so only the skeleton stays. */
    public void scrub() {
        bytes = HistoryCodec.write(entries().stream().map(HistoryEntry::scrubbed).toList());
    }

    byte[] bytes() {
        return bytes;
    }
}
