package io.leadrelay.routing.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.leadrelay.routing.kafka.Json;

/**
 * Binary form of a {@link LeadHistory} in {@code routing-lead-history}. Every lifecycle event appends to a lead's
 * history, and the decision details make entries a few KB each, so an append must not decode what is stored: it
 * reads only the event ids (to stay idempotent) and copies the old bytes.
 *
 * <p>Layout: {@link #FORMAT}, the number of entries (four bytes big-endian, so a value cut between two entries is
 * told from a shorter history), then per entry its body's length and the body. A body holds the fields of
 * {@link HistoryEntry} in declaration order: texts as length + 1 (0 for null) then UTF-8, {@code rejected} as one
 * byte, {@code attempt} as four bytes big-endian. Lengths are unsigned LEB128 varints.
 *
 * <p>Values starting with {@code '{'} are the JSON earlier releases stored; they are read as such and are stored in
 * this form on the lead's next change.
 */
public final class HistoryCodec {

    /** Never {@code '{'}, so it tells this form from the JSON of earlier releases. */
    static final byte FORMAT = 1;

    private static final byte[] EMPTY = { FORMAT, 0, 0, 0, 0 };

    private HistoryCodec() {
    }

    public static Serde<LeadHistory> serde() {
        return Serdes.serdeFrom((topic, history) -> history == null ? null : history.bytes(),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    static byte[] empty() {
        return EMPTY;
    }

    /** A stored value as a history; the entries are only checked and decoded when they are used. */
    private static LeadHistory read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            try {
                return new LeadHistory(write(Json.read(bytes, JsonHistory.class).entries));
            } catch (SerializationException e) {
                throw new SerializationException("not a lead history: unreadable JSON of an earlier release", e);
            }
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new SerializationException("not a lead history: unknown format "
                    + (bytes.length == 0 ? "(empty value)" : String.format("0x%02x", bytes[0])));
        }
        return new LeadHistory(bytes);
    }

    static byte[] write(List<HistoryEntry> entries) {
        byte[] bytes = EMPTY;
        for (HistoryEntry e : entries) {
            bytes = append(bytes, e);
        }
        return bytes;
    }

    /** Whether an entry of {@code history} has this event id; skips every other field. */
    static boolean contains(byte[] history, String eventId) {
        byte[] id = utf8(eventId);
        Reader in = new Reader(history);
        while (in.more()) {
            int end = in.entryEnd();
            if (in.sameText(id, end)) {
                return true;
            }
            in.at = end;
        }
        in.checkCount();
        return false;
    }

    /** {@code history} followed by the entry; a new array, as the store and its cache may hold the old one. */
    static byte[] append(byte[] history, HistoryEntry e) {
        byte[][] texts = { utf8(e.eventId()), utf8(e.at()), utf8(e.from()), utf8(e.to()), utf8(e.reason()),
                utf8(e.reasonText()), utf8(e.actor()), utf8(e.ownerType()), utf8(e.ownerId()), utf8(e.deadline()),
                utf8(e.grade()), utf8(e.detailsJson()) };
        int body = 1 + 4;
        for (byte[] text : texts) {
            body += textSize(text);
        }
        int count = new Reader(history).count;
        byte[] out = Arrays.copyOf(history, history.length + varintSize(body) + body);
        new Writer(out, 1).int32(count + 1);
        Writer w = new Writer(out, history.length);
        w.varint(body);
        w.text(texts[0]);
        w.text(texts[1]);
        w.text(texts[2]);
        w.text(texts[3]);
        w.flag(e.rejected());
        w.text(texts[4]);
        w.text(texts[5]);
        w.text(texts[6]);
        w.text(texts[7]);
        w.text(texts[8]);
        w.text(texts[9]);
        w.int32(e.attempt());
        w.text(texts[10]);
        w.text(texts[11]);
        return out;
    }

    /** Every entry in arrival order. */
    static List<HistoryEntry> entries(byte[] history) {
        Reader in = new Reader(history);
        List<HistoryEntry> entries = new ArrayList<>();
        while (in.more()) {
            int end = in.entryEnd();
            HistoryEntry entry = new HistoryEntry(in.text(end), in.text(end), in.text(end), in.text(end),
                    in.flag(end), in.text(end), in.text(end), in.text(end), in.text(end), in.text(end), in.text(end),
                    in.int32(end), in.text(end), in.text(end));
            if (in.at != end) {
                throw in.corrupt("entry has " + (end - in.at) + " unread bytes");
            }
            entries.add(entry);
        }
        in.checkCount();
        return entries;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int textSize(byte[] text) {
        return text == null ? 1 : varintSize(text.length + 1) + text.length;
    }

    private static int varintSize(int value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /** The JSON value of earlier releases. */
    private static final class JsonHistory {
        List<HistoryEntry> entries = List.of();
    }

    private static final class Writer {
        final byte[] out;
        int at;

        Writer(byte[] out, int at) {
            this.out = out;
            this.at = at;
        }

        void varint(int value) {
            while ((value & ~0x7f) != 0) {
                out[at++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out[at++] = (byte) value;
        }

        void text(byte[] text) {
            if (text == null) {
                varint(0);
                return;
            }
            varint(text.length + 1);
            System.arraycopy(text, 0, out, at, text.length);
            at += text.length;
        }

        void flag(boolean value) {
            out[at++] = (byte) (value ? 1 : 0);
        }

        void int32(int value) {
            out[at++] = (byte) (value >>> 24);
            out[at++] = (byte) (value >>> 16);
            out[at++] = (byte) (value >>> 8);
            out[at++] = (byte) value;
        }
    }

    /** Reads within bounds: bytes that end early or point past their entry fail as bad data. */
    private static final class Reader {
        final byte[] in;
        /** Past the format byte. */
        int at = 1;
        final int count;
        int entriesRead;

        Reader(byte[] in) {
            this.in = in;
            count = int32(in.length);
            if (count < 0) {
                throw corrupt("negative entry count");
            }
        }

        boolean more() {
            return at < in.length;
        }

        void checkCount() {
            if (entriesRead != count) {
                throw corrupt(entriesRead + " entries where " + count + " are expected");
            }
        }

        /** Reads an entry's length; the end of its body. */
        int entryEnd() {
            entriesRead++;
            int length = varint(in.length);
            if (length > in.length - at) {
                throw corrupt("truncated: entry of " + length + " bytes, " + (in.length - at) + " left");
            }
            return at + length;
        }

        String text(int end) {
            int length = textLength(end);
            if (length < 0) {
                return null;
            }
            String text = new String(in, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        /** Whether the next text is {@code text}; moves past it. */
        boolean sameText(byte[] text, int end) {
            int length = textLength(end);
            int start = at;
            at += Math.max(length, 0);
            return length < 0 ? text == null : text != null && Arrays.equals(in, start, at, text, 0, text.length);
        }

        boolean flag(int end) {
            need(1, end);
            byte b = in[at++];
            if (b != 0 && b != 1) {
                throw corrupt("flag " + b);
            }
            return b == 1;
        }

        int int32(int end) {
            need(4, end);
            int v = ((in[at] & 0xff) << 24) | ((in[at + 1] & 0xff) << 16) | ((in[at + 2] & 0xff) << 8)
                    | (in[at + 3] & 0xff);
            at += 4;
            return v;
        }

        /** Length of the next text, -1 for null. */
        private int textLength(int end) {
            int length = varint(end) - 1;
            need(Math.max(length, 0), end);
            return length;
        }

        /** A length: at most 31 bits, so its fifth byte carries only 3. */
        private int varint(int end) {
            int value = 0;
            for (int shift = 0;; shift += 7) {
                need(1, end);
                byte b = in[at++];
                if (shift == 28 && (b & 0xf8) != 0) {
                    throw corrupt("length out of range");
                }
                value |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        private void need(int n, int end) {
            if (n > end - at) {
                throw corrupt("truncated: " + n + " bytes needed, " + (end - at) + " left");
            }
        }

        SerializationException corrupt(String why) {
            return new SerializationException("corrupt lead history at byte " + at + ": " + why);
        }
    }
}
