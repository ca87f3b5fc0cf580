package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.channel.EuroConverter;
import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.stats.query.Partial;

class TallySerdeTest {

    private static Tally row(long seconds, String... names) {
        Tally t = new Tally();
        for (String name : names) {
            t.add(name, 3).addDuration("stage." + name, seconds * 1000).addDuration("stage." + name, 0);
        }
        return t;
    }

    private static Tally stored(Tally t) {
        return TallySerde.read(TallySerde.write(t));
    }

    @Test
    void aStoredRowReadsBackAsWritten() {
        Tally t = row(86_400, "entered.MQL", "leads", "zustand.übernommen");
        t.add("won.cents", -5);
        Tally read = stored(t);
        assertThat(read).isEqualTo(t);
        assertThat(read.histogram("stage.zustand.übernommen")).isEqualTo(t.histogram("stage.zustand.übernommen"));
        assertThat(read.count("won.cents")).isEqualTo(-5);
        assertThat(stored(new Tally().add("leads", 1))).isEqualTo(new Tally().add("leads", 1));
        assertThat(stored(new Tally()).isEmpty()).isTrue();
    }

    @Test
    void storedRowsAddUpAsTheRowsThemselves() {
        Tally a = row(30, "entered.MQL", "leads");
        Tally b = row(7_200, "entered.MQL", "entered.SQL");
        Tally expected = new Tally().merge(a).merge(b);
        Tally sum = new Tally().merge(stored(a)).merge(stored(b));
        assertThat(sum).isEqualTo(expected);
        assertThat(sum.histogram("stage.entered.MQL")).isEqualTo(expected.histogram("stage.entered.MQL"));
        Tally onto = stored(a).merge(stored(b));
        assertThat(onto).isEqualTo(expected);
        assertThat(stored(onto)).isEqualTo(expected);
        Tally counts = new Tally().mergeCounts(stored(b), name -> name.startsWith("entered."));
        assertThat(counts.counts()).containsOnlyKeys("entered.MQL", "entered.SQL");
        assertThat(counts.histograms()).isEmpty();
    }

    @Test
    void aPartialCarriesStoredRowsHistogramsToOtherInstances() {
        Partial p = new Partial();
        p.add("total", stored(row(600, "leads")));
        p.groups.put("as read", stored(row(600, "leads")));
        Partial back = Json.read(Json.bytes(p), Partial.class);
        assertThat(back.groups.get("total")).isEqualTo(row(600, "leads"));
        assertThat(back.groups.get("as read")).isEqualTo(row(600, "leads"));
        assertThat(Arrays.stream(back.groups.get("total").histogram("stage.leads")).sum()).isEqualTo(2);
    }

    @Test
    void contributionsReadBackAsWritten() {
        Contribution c = new Contribution();
        c.rows.put("fD|2026-11-27|web-form|", row(90, "entered.MQL"));
        c.rows.put("pA||p-1", new Tally().add("open", 1));
        var serde = TallySerde.contributionSerde();
        Contribution read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));
        assertThat(read.rows).isEqualTo(c.rows);
    }

    @Test
    void namesOfTheSameHashStayApart() {
        Tally t = new Tally().add("Aa", 1).add("BB", 2);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(new Tally().merge(stored(t)).merge(stored(t)).counts()).containsOnly(
                entry("Aa", 2L), entry("BB", 4L));
    }

    @Test
    void rowsAreStoredByteForByteAsDataOutputStreamWroteThem() {
        Tally histograms = new Tally().add("leads", 1);
        for (long seconds : new long[] { 0, 1, 2, 90, 3_600, 86_400, 31_536_000 }) {
            histograms.addDuration("stage.MQL", seconds * 1000).addDuration("timeToAccept", seconds * 3000);
        }
        Tally manyNames = new Tally();
        for (int i = 0; i < 10_000; i++) {
            manyNames.add("returned.REASON_" + i, i - 5_000L);
        }
        for (Tally t : new Tally[] { new Tally(), new Tally().add("leads", 1), row(86_400, "entered.MQL", "leads"),
                row(90, "zustand.übernommen", "商务", "nul\u0000name", "what?", "Aa", "BB").add("won.cents", -5),
                histograms, new Tally().addDuration("stage.MQL", 5_000), manyNames }) {
            byte[] written = TallySerde.write(t);
            assertThat(written).isEqualTo(DataOutputFormat.tally(t));
            Tally read = TallySerde.read(written);
            assertThat(read).isEqualTo(t);
            assertThat(TallySerde.write(read)).as("names as read back").isEqualTo(DataOutputFormat.tally(read));
        }
    }

    @Test
    void aHistorysContributionsAndRowsAreStoredByteForByteAsDataOutputStreamWroteThem() {
        LeadStatsTracker tracker = new LeadStatsTracker(new EuroConverter(Map.of("USD", new BigDecimal("0.92"))));
        var serde = TallySerde.contributionSerde();
        Map<String, LeadFacts> facts = new HashMap<>();
        Map<String, byte[]> stored = new HashMap<>();
        int rowsWritten = 0;
        for (var event : LifecycleHistory.generate(11, "ü-", 3_000, 12)) {
            LeadStatsTracker.Result r = tracker.apply(facts.get(event.getLeadId()), event);
            facts.put(event.getLeadId(), r.facts());
            Contribution c = new Contribution();
            c.rows.putAll(r.contributions());
            byte[] bytes = serde.serializer().serialize("t", c);
            assertThat(bytes).isEqualTo(DataOutputFormat.contribution(c));
            for (var row : serde.deserializer().deserialize("t", bytes).rows.entrySet()) {
                byte[] before = stored.get(row.getKey());
                if (before == null) {
                    Tally first = new Tally().merge(row.getValue());
                    stored.put(row.getKey(), TallySerde.write(first));
                    assertThat(stored.get(row.getKey())).isEqualTo(DataOutputFormat.tally(first));
                } else {
                    stored.put(row.getKey(), addedAsTheStreamDoes(before, row.getValue()));
                }
                rowsWritten++;
            }
        }
        assertThat(rowsWritten).isGreaterThan(10_000);
    }

    /**
     * {@code increments} added to a stored row as the aggregates do, checked against the row decoded, merged and
     * written with {@link java.io.DataOutputStream} (as they did before adding in stored form): the same bytes, and
     * the same verdict on whether the row is left empty (then deleted).
     */
    private static byte[] addedAsTheStreamDoes(byte[] row, Tally increments) {
        Tally decoded = TallySerde.read(row);
        decoded.counts();
        decoded.merge(increments);
        Tally added = TallySerde.read(row).merge(increments);
        byte[] bytes = TallySerde.write(added);
        assertThat(bytes).isEqualTo(DataOutputFormat.tally(decoded));
        assertThat(added.isEmpty()).isEqualTo(decoded.isEmpty());
        assertThat(added).isEqualTo(decoded);
        return bytes;
    }

    @Test
    void rowsAddedToAsStoredAreStoredAsWhenDecodedAndMerged() {
        // names of one hash code share a bucket; sixteen of them make HashMap keep that bucket as a tree
        List<String> names = new ArrayList<>(List.of("leads", "won.cents", "zustand.übernommen", "商务", "what?"));
        for (int i = 0; i < 16; i++) {
            names.add(Integer.toBinaryString(16 + i).substring(1).replace("0", "Aa").replace("1", "BB"));
        }
        for (int i = 0; i < 300; i++) {
            names.add("transition.S" + i % 17 + "->S" + i);
        }
        Random random = new Random(3);
        byte[] row = TallySerde.write(new Tally());
        Map<String, Long> counts = new HashMap<>();
        for (int event = 0; event < 10_000; event++) {
            Tally increments = new Tally();
            int touched = random.nextInt(event % 500 < 400 ? 4 : 60);
            for (int i = 0; i < touched; i++) {
                String name = names.get(random.nextInt(random.nextBoolean() ? 40 : names.size()));
                long delta = random.nextInt(4) == 0 ? -counts.getOrDefault(name, 0L) : random.nextInt(9) - 3;
                if (delta != 0) {
                    increments.add(name, delta);
                    counts.merge(name, delta, (a, b) -> a + b == 0 ? null : a + b);
                }
            }
            if (random.nextInt(3) == 0) {
                increments.addDuration("stage." + names.get(random.nextInt(24)), (long) (random.nextDouble()
                        * random.nextDouble() * 90L * 24 * 3600 * 1000));
            }
            row = addedAsTheStreamDoes(row, increments);
        }
        assertThat(TallySerde.read(row).counts()).isEqualTo(counts);
    }

    @Test
    void rowsStoredOtherwiseThanWrittenAreAddedToAsWhenDecoded() throws IOException {
        Tally increments = new Tally().add("leads", 2).add("gone", -4).addDuration("stage.MQL", 5_000);
        List<byte[]> rows = List.of(
                stored(out -> {
                    counts(out, "leads", 1, "gone", 4, "zero", 0);
                    out.writeInt(4);
                    histogram(out, "stage.MQL", 9, 2, 5, 1L, 2, 7L); // buckets out of order
                    histogram(out, "stage.SQL", 9, 2, 5, 1L, 2, 7L);
                    histogram(out, "stage.WON", 9, 2, 3, 1L, 3, 1L); // one bucket twice
                    histogram(out, "stage.NEW", 0, 0);
                }),
                stored(out -> {
                    counts(out, "leads", 1);
                    out.writeInt(3);
                    histogram(out, "stage.MQL", 9, 1, 3, 0L); // an empty bucket, length past the last one
                    histogram(out, "stage.SQL", 9, 1, 3, 0L);
                    histogram(out, "stage.WON", 2, 0);
                }),
                stored(out -> {
                    counts(out, "leads", 1, "gone", 4, "leads", 5); // a counter twice
                    out.writeInt(0);
                }),
                stored(out -> {
                    counts(out, "leads", 1);
                    out.writeInt(2);
                    histogram(out, "stage.MQL", 1, 1, 0, 1L);
                    histogram(out, "stage.MQL", 1, 1, 0, 1L); // a histogram twice
                }),
                stored(out -> {
                    counts(out, "gone", 4);
                    out.writeInt(0);
                }));
        for (byte[] row : rows) {
            addedAsTheStreamDoes(row, increments);
        }
        assertThat(TallySerde.read(rows.get(4)).merge(increments).isEmpty()).isFalse();
        assertThat(TallySerde.read(rows.get(4)).merge(new Tally().add("gone", -4)).isEmpty()).isTrue();
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] stored(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        writing.to(out);
        return bytes.toByteArray();
    }

    /** Counters as name, value, name, value… */
    private static void counts(DataOutputStream out, Object... namesAndValues) throws IOException {
        out.writeInt(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.writeUTF((String) namesAndValues[i]);
            out.writeLong(((Number) namesAndValues[i + 1]).longValue());
        }
    }

    /** A histogram as stored: name, length, count of buckets, then bucket, count, bucket, count… */
    private static void histogram(DataOutputStream out, String name, int length, int buckets, Object... pairs)
            throws IOException {
        out.writeUTF(name);
        out.writeShort(length);
        out.writeShort(buckets);
        for (int i = 0; i < pairs.length; i += 2) {
            out.writeShort((Integer) pairs[i]);
            out.writeLong((Long) pairs[i + 1]);
        }
    }

    @Test
    void badDataIsReportedAsSuch() {
        assertThatThrownBy(() -> TallySerde.read(new byte[] { 9 })).isInstanceOf(SerializationException.class);
        byte[] bytes = TallySerde.write(row(90, "leads"));
        Tally truncated = TallySerde.read(Arrays.copyOf(bytes, 10));
        assertThatThrownBy(() -> new Tally().merge(truncated)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> TallySerde.read(Arrays.copyOf(bytes, 10)).merge(row(90, "leads")))
                .isInstanceOf(SerializationException.class);
        byte[] countedTooMany = bytes.clone();
        countedTooMany[1] = 0x40;
        assertThatThrownBy(() -> TallySerde.read(countedTooMany).merge(row(90, "leads")))
                .isInstanceOf(SerializationException.class);
    }
}
