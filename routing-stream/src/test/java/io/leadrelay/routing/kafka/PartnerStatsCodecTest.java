package io.leadrelay.routing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.partner.PartnerStats;

class PartnerStatsCodecTest {

    /** A partner's record as {@link DataOutputStream} wrote it: the global store and its readers hold these bytes. */
    private static byte[] asDataOutputStreamWroteIt(PartnerStats s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
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
        return bytes.toByteArray();
    }

    private static List<PartnerStats> partners() {
        Set<String> open = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            open.add(UUID.nameUUIDFromBytes(new byte[] { (byte) i, (byte) (i >> 8) }).toString());
        }
        open.add("lead-ü-1");
        open.add("lead?-2");
        Map<Long, Integer> byDay = new TreeMap<>(Map.of(20_784L, 3, 20_785L, 41, 20_790L, 1));
        Map<String, Long> returns = new TreeMap<>(Map.of("NOT_REACHABLE", 4L, "DUPLICATE", 1L, "KEIN_BEDARF_Ä", 2L));
        return List.of(PartnerStats.empty("p-1"), PartnerStats.empty(""),
                new PartnerStats("partner-42", open, byDay, 1_234, 900, 12, returns, 300, 250),
                new PartnerStats("Müller & Söhne GmbH", Set.of("lead-1"), Map.of(), 1, 1, 0, Map.of(), 0, 0),
                new PartnerStats("合作伙伴-\uD83D\uDE00", new TreeSet<>(Set.of("a", "b")), byDay, Long.MAX_VALUE,
                        -1, 0, returns, Long.MIN_VALUE, 0));
    }

    @Test
    void aPartnersRecordIsStoredByteForByteAsDataOutputStreamWroteIt() throws IOException {
        for (PartnerStats s : partners()) {
            assertThat(PartnerStatsCodec.write(s)).as(s.partnerId()).isEqualTo(asDataOutputStreamWroteIt(s));
        }
    }

    @Test
    void aPartnersRecordReadsBackAsWritten() {
        for (PartnerStats s : partners()) {
            assertThat(PartnerStatsCodec.read(PartnerStatsCodec.write(s))).isEqualTo(s);
        }
    }

    @Test
    void theJsonFormOfEarlierReleasesIsStillRead() {
        for (PartnerStats s : partners()) {
            assertThat(PartnerStatsCodec.read(Json.bytes(s))).isEqualTo(s);
        }
    }
}
