package io.leadrelay.routing.kafka;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.errors.SerializationException;

import io.leadrelay.routing.partner.PartnerStats;
import io.leadrelay.routing.stats.DataWriter;

/**
 * Compact binary form of {@link PartnerStats} in the global partner-stats store (written on every assignment event,
 * so JSON's field names and number text cost more than the figures). Reads the JSON form earlier releases stored.
 * The format is {@link java.io.DataOutputStream}'s, byte for byte, written with {@link DataWriter} (every lead id of the
 * partner's open leads is rewritten on each of its events).
 */
final class PartnerStatsCodec {

    private static final byte VERSION = 1;

    private PartnerStatsCodec() {
    }

    static byte[] write(PartnerStats s) {
        DataWriter out = new DataWriter(64 + 40 * s.openLeads().size());
        out.writeByte(VERSION);
        out.writeUTF(s.partnerId());
        out.writeInt(s.openLeads().size());
        for (String lead : s.openLeads()) {
            out.writeUTF(lead);
        }
        out.writeInt(s.deliveriesByDay().size());
        for (Map.Entry<Long, Integer> day : s.deliveriesByDay().entrySet()) {
            out.writeLong(day.getKey());
            out.writeInt(day.getValue());
        }
        out.writeLong(s.deliveries());
        out.writeLong(s.accepted());
        out.writeLong(s.reclaimed());
        out.writeInt(s.returnsByReason().size());
        for (Map.Entry<String, Long> ret : s.returnsByReason().entrySet()) {
            out.writeUTF(ret.getKey());
            out.writeLong(ret.getValue());
        }
        out.writeLong(s.won());
        out.writeLong(s.lost());
        return out.toByteArray();
    }

    static PartnerStats read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return Json.read(bytes, PartnerStats.class);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new SerializationException("unknown partner stats format " + bytes[0]);
            }
            String partnerId = in.readUTF();
            Set<String> open = new TreeSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                open.add(in.readUTF());
            }
            Map<Long, Integer> byDay = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                byDay.put(in.readLong(), in.readInt());
            }
            long deliveries = in.readLong();
            long accepted = in.readLong();
            long reclaimed = in.readLong();
            Map<String, Long> returns = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                returns.put(in.readUTF(), in.readLong());
            }
            return new PartnerStats(partnerId, open, byDay, deliveries, accepted, reclaimed, returns, in.readLong(),
                    in.readLong());
        } catch (IOException e) {
            throw new SerializationException("not a partner stats record", e);
        }
    }
}
