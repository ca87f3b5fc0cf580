package io.leadrelay.routing.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary form of a {@link Tally} for the aggregate stores and the contributions topic: every event reads and
 * rewrites its all-time rows, which carry hundreds of counters, so JSON would dominate the stream's cost.
 * Layout: version byte, counters (count, then name + value), histograms (count, then name, bucket count up to the
 * last non-empty one, non-empty buckets as index + count).
 * Written with {@link DataOutputStream}; read straight from the array (a dashboard query reads thousands of rows,
 * and {@link DataInputStream} over a {@link ByteArrayInputStream} was most of its CPU time).
 */
public final class TallySerde {

    private static final byte VERSION = 2;

    /**
     * Counter and histogram names are few (a few hundred) and read over and over: a row's names are taken from here
     * instead of allocated per row. Bounded, open addressing over {@link #NAME_PROBES} slots; a racy cache of
     * immutable strings, where a lost write is only a miss.
     */
    private static final String[] NAMES = new String[4096];
    private static final int NAME_PROBES = 4;

    private TallySerde() {
    }

    public static Serde<Tally> serde() {
        return Serdes.serdeFrom((topic, t) -> t == null ? null : write(t),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    public static byte[] write(Tally t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + t.counts().size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(t, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void write(Tally t, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        Map<String, Long> counts = t.counts();
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        Map<String, long[]> histograms = t.histograms();
        out.writeInt(histograms.size());
        for (Map.Entry<String, long[]> h : histograms.entrySet()) {
            long[] buckets = h.getValue();
            int nonZero = 0;
            int length = 0;
            for (int i = 0; i < buckets.length; i++) {
                if (buckets[i] != 0) {
                    nonZero++;
                    length = i + 1;
                }
            }
            out.writeUTF(h.getKey());
            out.writeShort(length);
            out.writeShort(nonZero);
            for (int i = 0; i < length; i++) {
                if (buckets[i] != 0) {
                    out.writeShort(i);
                    out.writeLong(buckets[i]);
                }
            }
        }
    }

    /** A stored row, decoded when first used ({@link Tally}). */
    public static Tally read(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new SerializationException("not a tally: unknown version");
        }
        return Tally.encoded(bytes);
    }

    /**
     * Adds a stored row into {@code into}: the counters {@code counters} accepts and, with {@code histograms}, the
     * histograms (counters that sum to zero disappear, as in {@link Tally#merge}).
     */
    static void add(byte[] row, Tally into, Predicate<String> counters, boolean histograms) {
        add(new Reader(row, 0), into, counters, histograms);
    }

    private static void add(Reader in, Tally into, Predicate<String> counters, boolean histograms) {
        if (in.readByte() != VERSION) {
            throw new SerializationException("not a tally: unknown version");
        }
        for (int i = in.readInt(); i > 0; i--) {
            String name = in.readName();
            long n = in.readLong();
            if (counters.test(name)) {
                into.addCount(name, n);
            }
        }
        if (!histograms) {
            return;
        }
        for (int i = in.readInt(); i > 0; i--) {
            long[] buckets = into.buckets(in.readName(), in.readShort());
            for (int j = in.readShort(); j > 0; j--) {
                int bucket = in.readShort();
                buckets[bucket] += in.readLong();
            }
        }
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
            Reader in = new Reader(data, 0);
            Contribution c = new Contribution();
            for (int i = in.readInt(); i > 0; i--) {
                String key = in.readUTF();
                Tally t = new Tally();
                add(in, t, name -> true, true);
                c.rows.put(key, t);
            }
            return c;
        });
    }

    /** The reading half of {@link DataInputStream}'s format over an array; a short array fails as bad data. */
    private static final class Reader {
        final byte[] b;
        int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        byte readByte() {
            need(1);
            return b[at++];
        }

        int readShort() {
            need(2);
            int v = (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
            at += 2;
            return v;
        }

        int readInt() {
            need(4);
            int v = ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
                    | (b[at + 3] & 0xff);
            at += 4;
            return v;
        }

        long readLong() {
            long high = readInt();
            return (high << 32) | (readInt() & 0xffffffffL);
        }

        /** Modified UTF-8 as {@link DataOutputStream#writeUTF} writes it. */
        String readUTF() {
            int length = readShort() & 0xffff;
            need(length);
            int start = at;
            at += length;
            for (int i = start; i < at; i++) {
                if (b[i] <= 0) {
                    return readModifiedUtf8(start, length);
                }
            }
            return new String(b, start, length, StandardCharsets.ISO_8859_1);
        }

        /** A counter or histogram name: as {@link #readUTF}, the same instance each time for ASCII names. */
        String readName() {
            int length = readShort() & 0xffff;
            need(length);
            int start = at;
            at += length;
            int hash = 0;
            for (int i = start; i < at; i++) {
                if (b[i] <= 0) {
                    return readModifiedUtf8(start, length);
                }
                hash = 31 * hash + b[i];
            }
            int first = (hash ^ (hash >>> 12)) & (NAMES.length - 1);
            int free = first;
            for (int probe = 0; probe < NAME_PROBES; probe++) {
                int slot = (first + probe) & (NAMES.length - 1);
                String cached = NAMES[slot];
                if (cached == null) {
                    free = slot;
                    break;
                }
                if (sameName(cached, start, length)) {
                    return cached;
                }
            }
            String name = new String(b, start, length, StandardCharsets.ISO_8859_1);
            NAMES[free] = name;
            return name;
        }

        private boolean sameName(String cached, int start, int length) {
            if (cached.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (cached.charAt(i) != b[start + i]) {
                    return false;
                }
            }
            return true;
        }

        private String readModifiedUtf8(int start, int length) {
            try {
                return new DataInputStream(new ByteArrayInputStream(b, start - 2, length + 2)).readUTF();
            } catch (IOException e) {
                throw new SerializationException("not a tally: bad name", e);
            }
        }

        private void need(int n) {
            if (at + n > b.length) {
                throw new SerializationException("not a tally: truncated");
            }
        }
    }
}
