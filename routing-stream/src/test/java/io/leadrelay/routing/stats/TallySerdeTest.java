package io.leadrelay.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

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
    void badDataIsReportedAsSuch() {
        assertThatThrownBy(() -> TallySerde.read(new byte[] { 9 })).isInstanceOf(SerializationException.class);
        byte[] bytes = TallySerde.write(row(90, "leads"));
        Tally truncated = TallySerde.read(Arrays.copyOf(bytes, 10));
        assertThatThrownBy(() -> new Tally().merge(truncated)).isInstanceOf(SerializationException.class);
    }
}
