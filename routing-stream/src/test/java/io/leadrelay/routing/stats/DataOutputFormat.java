package io.leadrelay.routing.stats;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A stored row and a contribution as {@link DataOutputStream} writes them, which is how {@link TallySerde} wrote
 * them until it wrote into arrays itself: stores, changelogs and the contributions topic hold these bytes, so the
 * serde's output is pinned to them.
 */
public final class DataOutputFormat {

    private DataOutputFormat() {
    }

    public static byte[] tally(Tally t) {
        return written(out -> tally(t, out));
    }

    public static byte[] contribution(Contribution c) {
        return written(out -> {
            out.writeInt(c.rows.size());
            for (Map.Entry<String, Tally> e : c.rows.entrySet()) {
                out.writeUTF(e.getKey());
                tally(e.getValue(), out);
            }
        });
    }

    private static void tally(Tally t, DataOutputStream out) throws IOException {
        out.writeByte(2);
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

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] written(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
