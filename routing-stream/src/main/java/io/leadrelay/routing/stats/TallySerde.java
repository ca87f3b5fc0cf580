package io.leadrelay.routing.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary form of a {@link Tally} for the aggregate stores and the contributions topic: every event reads and
 * rewrites its all-time rows, which carry hundreds of counters, so JSON would dominate the stream's cost.
 * Layout: version byte, counters (count, then name + value), histograms (count, then name, bucket count, non-empty buckets as index + count).
 */
public final class TallySerde {

    private static final byte VERSION = 2;

    private TallySerde() {
    }

    public static Serde<Tally> serde() {
        return Serdes.serdeFrom((topic, t) -> t == null ? null : write(t),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    public static byte[] write(Tally t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + t.counts.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(t, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void write(Tally t, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(t.counts.size());
        for (Map.Entry<String, Long> e : t.counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(t.histograms.size());
        for (Map.Entry<String, long[]> h : t.histograms.entrySet()) {
            long[] buckets = h.getValue();
            int nonZero = 0;
            for (long c : buckets) {
                nonZero += c == 0 ? 0 : 1;
            }
            out.writeUTF(h.getKey());
            out.writeShort(buckets.length);
            out.writeShort(nonZero);
            for (int i = 0; i < buckets.length; i++) {
                if (buckets[i] != 0) {
                    out.writeShort(i);
                    out.writeLong(buckets[i]);
                }
            }
        }
    }

    public static Tally read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new SerializationException("not a tally", e);
        }
    }

    static Tally read(DataInputStream in) throws IOException {
        if (in.readByte() != VERSION) {
            throw new IOException("unknown tally version");
        }
        Tally t = new Tally();
        for (int i = in.readInt(); i > 0; i--) {
            t.counts.put(in.readUTF(), in.readLong());
        }
        for (int i = in.readInt(); i > 0; i--) {
            String name = in.readUTF();
            long[] buckets = new long[in.readShort()];
            for (int j = in.readShort(); j > 0; j--) {
                int bucket = in.readShort();
                buckets[bucket] = in.readLong();
            }
            t.histograms.put(name, buckets);
        }
        return t;
    }

    /** A {@link Contribution}: number of rows, then key + tally per row. */
    public static Serde<Contribution> contributionSerde() {
        return Serdes.serdeFrom((topic, c) -> {
            if (c == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(c.rows.size());
                for (Map.Entry<String, Tally> e : c.rows.entrySet()) {
                    out.writeUTF(e.getKey());
                    write(e.getValue(), out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                Contribution c = new Contribution();
                for (int i = in.readInt(); i > 0; i--) {
                    c.rows.put(in.readUTF(), read(in));
                }
                return c;
            } catch (IOException e) {
                throw new SerializationException("not a contribution", e);
            }
        });
    }
}
