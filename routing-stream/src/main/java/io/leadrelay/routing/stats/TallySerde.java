package io.leadrelay.routing.stats;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
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
 * The format is {@link DataOutputStream}'s, byte for byte (stores, changelogs and the contributions topic hold it),
 * written with {@link DataWriter} and read straight from the array (a dashboard query reads thousands of rows, and
 * {@link DataInputStream} over a {@link ByteArrayInputStream} was most of its CPU time).
 */
public final class TallySerde {

    private static final byte VERSION = 2;

    /**
     * Counter and histogram names are few (a few hundred) and read and written over and over: a row's names are
     * taken from here instead of allocated per row, and written as stored here instead of encoded per row. Bounded,
     * open addressing over {@link #NAME_PROBES} slots; a racy cache of immutable entries, where a lost write is only
     * a miss.
     */
    private static final Name[] NAMES = new Name[4096];
    private static final int NAME_PROBES = 4;
    /** Boxed indexes, shared: {@link #added} keys a row's counters to their index without an allocation each. */
    private static final Integer[] INDEXES = new Integer[1024];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = i;
        }
    }

    /** A name and its stored form: length (two bytes) and modified UTF-8, as {@link DataWriter#writeUTF} writes. */
    private record Name(String text, byte[] stored) {
    }

    private TallySerde() {
    }

    public static Serde<Tally> serde() {
        return Serdes.serdeFrom((topic, t) -> t == null ? null : write(t),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    /** A row's stored form; a row still in stored form (read, or added to by {@link #added}) as it is. */
    public static byte[] write(Tally t) {
        byte[] encoded = t.storedForm();
        if (encoded != null) {
            return encoded;
        }
        DataWriter out = new DataWriter(64 + t.counts().size() * 24);
        write(t, out);
        return out.toByteArray();
    }

    private static void write(Tally t, DataWriter out) {
        out.writeByte(VERSION);
        Map<String, Long> counts = t.counts();
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.write(stored(e.getKey()));
            out.writeLong(e.getValue());
        }
        Map<String, long[]> histograms = t.histograms();
        out.writeInt(histograms.size());
        for (Map.Entry<String, long[]> h : histograms.entrySet()) {
            writeHistogram(h.getKey(), h.getValue(), out);
        }
    }

    private static void writeHistogram(String name, long[] buckets, DataWriter out) {
        int nonZero = 0;
        int length = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != 0) {
                nonZero++;
                length = i + 1;
            }
        }
        out.write(stored(name));
        out.writeShort(length);
        out.writeShort(nonZero);
        for (int i = 0; i < length; i++) {
            if (buckets[i] != 0) {
                out.writeShort(i);
                out.writeLong(buckets[i]);
            }
        }
    }

    /**
     * A name's stored form, from {@link #NAMES}: names written are mostly the very instances read from there, so the
     * lookup is a cached hash code and an identity check.
     */
    private static byte[] stored(String name) {
        int first = slot(name.hashCode());
        int free = first;
        for (int probe = 0; probe < NAME_PROBES; probe++) {
            int slot = (first + probe) & (NAMES.length - 1);
            Name cached = NAMES[slot];
            if (cached == null) {
                free = slot;
                break;
            }
            if (cached.text == name || cached.text.equals(name)) {
                return cached.stored;
            }
        }
        byte[] stored = DataWriter.modifiedUtf8(name);
        NAMES[free] = new Name(name, stored);
        return stored;
    }

    /** The slot a name's probes start at; for ASCII names the hash of its bytes is {@link String#hashCode}. */
    private static int slot(int hash) {
        return (hash ^ (hash >>> 12)) & (NAMES.length - 1);
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

    /**
     * A stored row with {@code increments} added, in stored form: the bytes {@code read(row).merge(increments)}
     * written gives, without decoding the row into boxed counters and dense histograms. An event adds to few of a
     * row's counters and to one of its histograms at most, so the other histograms are copied as stored. The maps
     * stay, keyed by name as decoding and {@link Tally#merge} key theirs, in the same order of inserts and removals:
     * their iteration order is the stored order. Null when the row names a counter or histogram twice, which only
     * decoding sums as before.
     */
    static byte[] added(byte[] row, Tally increments) {
        Reader in = new Reader(row, 0);
        if (in.readByte() != VERSION) {
            throw new SerializationException("not a tally: unknown version");
        }
        Map<String, Long> addedCounts = increments.counts();
        int storedCounts = in.readCount(10);
        HashMap<String, Integer> counters = new HashMap<>();
        long[] values = new long[storedCounts + addedCounts.size()];
        int used = 0;
        for (int i = 0; i < storedCounts; i++) {
            String name = in.readName();
            long n = in.readLong();
            if (n != 0) {
                if (counters.put(name, index(used)) != null) {
                    return null;
                }
                values[used++] = n;
            }
        }
        for (Map.Entry<String, Long> e : addedCounts.entrySet()) {
            Integer at = counters.get(e.getKey());
            long sum = (at == null ? 0 : values[at]) + e.getValue();
            if (sum == 0) {
                counters.remove(e.getKey());
            } else if (at != null) {
                values[at] = sum;
            } else {
                counters.put(e.getKey(), index(used));
                values[used++] = sum;
            }
        }
        Map<String, long[]> addedHistograms = increments.histograms();
        int storedHistograms = in.readCount(6);
        HashMap<String, Integer> histograms = new HashMap<>();
        StoredHistograms kept = new StoredHistograms(row, storedHistograms + addedHistograms.size());
        for (int i = 0; i < storedHistograms; i++) {
            int from = in.at;
            if (histograms.put(in.readName(), index(i)) != null) {
                return null;
            }
            kept.read(i, from, in);
        }
        int next = storedHistograms;
        for (Map.Entry<String, long[]> e : addedHistograms.entrySet()) {
            long[] theirs = e.getValue();
            Integer at = histograms.get(e.getKey());
            if (at == null) {
                at = index(next);
                histograms.put(e.getKey(), at);
                kept.buckets[next++] = new long[theirs.length];
            }
            long[] mine = kept.buckets(at, theirs.length);
            for (int b = 0; b < theirs.length; b++) {
                mine[b] += theirs[b];
            }
        }
        DataWriter out = new DataWriter(row.length + 64);
        out.writeByte(VERSION);
        out.writeInt(counters.size());
        for (Map.Entry<String, Integer> e : counters.entrySet()) {
            out.write(stored(e.getKey()));
            out.writeLong(values[e.getValue()]);
        }
        out.writeInt(histograms.size());
        for (Map.Entry<String, Integer> e : histograms.entrySet()) {
            int i = e.getValue();
            if (kept.buckets[i] == null) {
                out.write(row, kept.from[i], kept.to[i] - kept.from[i]);
            } else {
                writeHistogram(e.getKey(), kept.buckets[i], out);
            }
        }
        return out.toByteArray();
    }

    /** Whether a stored row holds nothing (as {@link Tally#isEmpty} of it decoded), without decoding it. */
    static boolean isEmpty(byte[] row) {
        Reader in = new Reader(row, 1);
        for (int i = in.readInt(); i > 0; i--) {
            in.skipName();
            if (in.readLong() != 0) {
                return false;
            }
        }
        return in.readInt() <= 0;
    }

    private static Integer index(int i) {
        return i < INDEXES.length ? INDEXES[i] : Integer.valueOf(i);
    }

    /**
     * A row's stored histograms while it is added to: where each is in the row, and its dense buckets once they are
     * added to, or when its stored form is not the one {@link #writeHistogram} gives (then it is written anew, as
     * decoding and writing the row would).
     */
    private static final class StoredHistograms {
        final byte[] row;
        final int[] from;
        final int[] to;
        final int[] length;
        final int[] nonZero;
        final int[] bucketsAt;
        final long[][] buckets;

        StoredHistograms(byte[] row, int size) {
            this.row = row;
            from = new int[size];
            to = new int[size];
            length = new int[size];
            nonZero = new int[size];
            bucketsAt = new int[size];
            buckets = new long[size][];
        }

        /** Histogram {@code i}, stored from {@code start}; {@code in} is past its name. */
        void read(int i, int start, Reader in) {
            length[i] = in.readShort();
            nonZero[i] = in.readShort();
            bucketsAt[i] = in.at;
            boolean asWritten = length[i] >= 0 && nonZero[i] >= 0;
            int last = -1;
            for (int j = nonZero[i]; j > 0; j--) {
                int bucket = in.readShort();
                long n = in.readLong();
                asWritten &= bucket > last && n != 0;
                last = bucket;
            }
            from[i] = start;
            to[i] = in.at;
            if (!asWritten || last != length[i] - 1) {
                buckets[i] = dense(i);
            }
        }

        /** The dense buckets of histogram {@code i}, decoded when first asked for, at least {@code atLeast} long. */
        long[] buckets(int i, int atLeast) {
            long[] dense = buckets[i] != null ? buckets[i] : dense(i);
            if (dense.length < atLeast) {
                dense = Arrays.copyOf(dense, atLeast);
            }
            buckets[i] = dense;
            return dense;
        }

        private long[] dense(int i) {
            long[] dense = new long[length[i]];
            Reader in = new Reader(row, bucketsAt[i]);
            for (int j = nonZero[i]; j > 0; j--) {
                int bucket = in.readShort();
                dense[bucket] += in.readLong();
            }
            return dense;
        }
    }

    /** A {@link Contribution}: number of rows, then key + tally per row. */
    public static Serde<Contribution> contributionSerde() {
        return Serdes.serdeFrom((topic, c) -> {
            if (c == null) {
                return null;
            }
            DataWriter out = new DataWriter(256);
            out.writeInt(c.rows.size());
            for (Map.Entry<String, Tally> e : c.rows.entrySet()) {
                out.writeUTF(e.getKey());
                write(e.getValue(), out);
            }
            return out.toByteArray();
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
            int first = slot(hash);
            int free = first;
            for (int probe = 0; probe < NAME_PROBES; probe++) {
                int slot = (first + probe) & (NAMES.length - 1);
                Name cached = NAMES[slot];
                if (cached == null) {
                    free = slot;
                    break;
                }
                if (Arrays.equals(cached.stored, 0, cached.stored.length, b, start - 2, at)) {
                    return cached.text;
                }
            }
            String name = new String(b, start, length, StandardCharsets.ISO_8859_1);
            NAMES[free] = new Name(name, Arrays.copyOfRange(b, start - 2, at));
            return name;
        }

        /** A count of entries of at least {@code bytesEach} bytes; more than the rest of the array holds is bad data. */
        int readCount(int bytesEach) {
            int n = Math.max(0, readInt());
            if ((long) n * bytesEach > b.length - at) {
                throw new SerializationException("not a tally: truncated");
            }
            return n;
        }

        void skipName() {
            int length = readShort() & 0xffff;
            need(length);
            at += length;
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
