package io.leadrelay.routing.stats;

import java.io.DataOutputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes what {@link DataOutputStream} writes, byte for byte, into a growable array: the stats stores and the
 * partner-stats store keep that format, and {@link DataOutputStream#writeUTF} walking each string char by char (over
 * synchronized stream writes) was most of the cost of encoding a row. Not thread-safe; one per record.
 */
public final class DataWriter {

    private byte[] bytes;
    private int size;

    public DataWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void writeByte(int v) {
        room(1);
        bytes[size++] = (byte) v;
    }

    public void writeShort(int v) {
        room(2);
        bytes[size] = (byte) (v >>> 8);
        bytes[size + 1] = (byte) v;
        size += 2;
    }

    public void writeInt(int v) {
        room(4);
        bytes[size] = (byte) (v >>> 24);
        bytes[size + 1] = (byte) (v >>> 16);
        bytes[size + 2] = (byte) (v >>> 8);
        bytes[size + 3] = (byte) v;
        size += 4;
    }

    public void writeLong(long v) {
        room(8);
        bytes[size] = (byte) (v >>> 56);
        bytes[size + 1] = (byte) (v >>> 48);
        bytes[size + 2] = (byte) (v >>> 40);
        bytes[size + 3] = (byte) (v >>> 32);
        bytes[size + 4] = (byte) (v >>> 24);
        bytes[size + 5] = (byte) (v >>> 16);
        bytes[size + 6] = (byte) (v >>> 8);
        bytes[size + 7] = (byte) v;
        size += 8;
    }

    /** As {@link DataOutputStream#writeUTF}: length (two bytes), then the string in modified UTF-8. */
    public void writeUTF(String s) {
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        if (!plainAscii(latin1)) {
            write(modifiedUtf8(s));
            return;
        }
        room(2 + latin1.length);
        writeShort(latin1.length);
        System.arraycopy(latin1, 0, bytes, size, latin1.length);
        size += latin1.length;
    }

    /** Bytes as they are, e.g. a string's {@link #modifiedUtf8} form kept from before. */
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    public void write(byte[] b, int from, int length) {
        room(length);
        System.arraycopy(b, from, bytes, size, length);
        size += length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * What {@link #writeUTF} writes for {@code s}. Chars 1 to 0x7F take one byte, 0 and up to 0x7FF two, the rest
     * three (surrogates one by one, not as pairs).
     */
    public static byte[] modifiedUtf8(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (length > 0xffff) {
            throw new UncheckedIOException(new UTFDataFormatException("encoded string too long: " + length
                    + " bytes"));
        }
        byte[] out = new byte[2 + length];
        out[0] = (byte) (length >>> 8);
        out[1] = (byte) length;
        int at = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return out;
    }

    /**
     * Whether a string's ISO-8859-1 bytes are its modified UTF-8 as they are: all in 1 to 0x7F, and no {@code ?},
     * which also stands for the chars ISO-8859-1 cannot hold (such a string takes the exact way, as does a real
     * {@code ?}). Too long for a length of two bytes is left to the exact way too.
     */
    private static boolean plainAscii(byte[] latin1) {
        if (latin1.length > 0xffff) {
            return false;
        }
        for (byte b : latin1) {
            if (b <= 0 || b == '?') {
                return false;
            }
        }
        return true;
    }

    private void room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
        }
    }
}
