package io.leadrelay.routing.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class LeadHistoryTest {

    private static final Serde<LeadHistory> SERDE = HistoryCodec.serde();

    /** A value as the JSON serde of earlier releases stored it, for the events {@link #legacyEntries()}. */
    private static final String LEGACY_JSON = """
            {"entries":[{"eventId":"ev-1","at":"2026-03-02T09:00:00Z","to":"SQL","rejected":false,"reason":"QUALIFIED",\
            "reasonText":"Kunde möchte Rückruf","actor":"sales:u-7","ownerType":"SALES","attempt":0,"grade":"A"},\
            {"eventId":"ev-2","at":"2026-03-02T09:00:01Z","from":"SQL","to":"ASSIGNED","rejected":false,\
            "reason":"CHANNEL:REVENUE_BELOW_THRESHOLD","actor":"rule:partner-selection","ownerType":"PARTNER",\
            "ownerId":"p-gold","deadline":"2026-03-04T09:00:01Z","attempt":1,"grade":"A",\
            "detailsJson":"{\\"plan\\":{\\"partners\\":[\\"p-gold\\"]},\\"note\\":\\"Grüße \\\\\\"quoted\\\\\\"\\"}"},\
            {"eventId":"ev-3","at":"2026-03-02T10:00:00Z","from":"ASSIGNED","to":"ASSIGNED","rejected":true,\
            "reason":"ACCEPT_REJECTED:NOT_HOLDER","actor":"partner:p-other","ownerType":"PARTNER","ownerId":"p-gold",\
            "deadline":"2026-03-04T09:00:01Z","attempt":1,"grade":"A"}]}""";

    private static List<HistoryEntry> legacyEntries() {
        return List.of(
                new HistoryEntry("ev-1", "2026-03-02T09:00:00Z", null, "SQL", false, "QUALIFIED",
                        "Kunde möchte Rückruf", "sales:u-7", "SALES", null, null, 0, "A", null),
                new HistoryEntry("ev-2", "2026-03-02T09:00:01Z", "SQL", "ASSIGNED", false,
                        "CHANNEL:REVENUE_BELOW_THRESHOLD", null, "rule:partner-selection", "PARTNER", "p-gold",
                        "2026-03-04T09:00:01Z", 1, "A",
                        "{\"plan\":{\"partners\":[\"p-gold\"]},\"note\":\"Grüße \\\"quoted\\\"\"}"),
                new HistoryEntry("ev-3", "2026-03-02T10:00:00Z", "ASSIGNED", "ASSIGNED", true,
                        "ACCEPT_REJECTED:NOT_HOLDER", null, "partner:p-other", "PARTNER", "p-gold",
                        "2026-03-04T09:00:01Z", 1, "A", null));
    }

    private static HistoryEntry event(String eventId, String to, String reasonText, String detailsJson) {
        return new HistoryEntry(eventId, "2026-11-27T09:00:00Z", "SQL", to, false, "CHANNEL:PARTNER", reasonText,
                "rule:partner-selection", "PARTNER", "p-muc-01", "2026-11-29T09:00:00Z", 2, "B", detailsJson);
    }

    private static LeadHistory stored(LeadHistory history) {
        return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", history));
    }

    private static byte[] bytes(LeadHistory history) {
        return SERDE.serializer().serialize("t", history);
    }

    private static LeadHistory read(byte[] value) {
        return SERDE.deserializer().deserialize("t", value);
    }

    @Test
    void everyFieldReadsBackAsWrittenIncludingNullsNonAsciiAndLargeDetails() {
        String large = "{\"excluded\":[" + "\"p-out-of-territory-000\",".repeat(800) + "\"last\"]}";
        assertThat(large.length()).isGreaterThan(20_000);
        List<HistoryEntry> entries = List.of(
                new HistoryEntry("ev-nulls", null, null, null, true, null, null, null, null, null, null, -1, null,
                        null),
                new HistoryEntry("ev-text", "2026-11-27T09:00:00Z", "SQL", "NURTURE", false, "LOST",
                        "Kunde: „zu teuer“ — später wieder 📞, 価格", "partner:p-köln", "MARKETING", null, null,
                        Integer.MAX_VALUE, "C", "{\"note\":\"Grüße\"}"),
                new HistoryEntry("", "", "", "", false, "", "", "", "", "", "", 0, "", ""),
                event("ev-large", "ASSIGNED", null, large));
        LeadHistory history = new LeadHistory();
        entries.forEach(history::add);

        assertThat(stored(history).entries()).containsExactlyElementsOf(entries);
        assertThat(stored(new LeadHistory()).entries()).isEmpty();
    }

    @Test
    void storedFormIsBinaryAndSmallerThanTheJsonOfEarlierReleases() {
        LeadHistory history = read(LEGACY_JSON.getBytes(StandardCharsets.UTF_8));
        byte[] value = bytes(history);
        assertThat(value[0]).isEqualTo(HistoryCodec.FORMAT).isNotEqualTo((byte) '{');
        assertThat(value.length).isLessThan(LEGACY_JSON.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void eventsKeepTheirArrivalOrderAndAnEventSeenBeforeIsNotAddedAgain() {
        LeadHistory history = new LeadHistory();
        assertThat(history.add(event("ev-b", "ASSIGNED", null, null))).isTrue();
        assertThat(history.add(event("ev-a", "ACCEPTED", null, null))).isTrue();
        assertThat(history.add(event("ev-b", "ASSIGNED", null, null))).isFalse();
        assertThat(history.add(event("ev-c", "WON", null, null))).isTrue();
        byte[] before = bytes(history);

        LeadHistory again = stored(history);
        assertThat(again.add(event("ev-a", "ACCEPTED", "redelivered", "{}"))).isFalse();
        assertThat(again.add(event("ev-c", "WON", null, null))).isFalse();
        assertThat(bytes(again)).isEqualTo(before);
        assertThat(again.entries()).extracting(HistoryEntry::eventId).containsExactly("ev-b", "ev-a", "ev-c");
        assertThat(again.entries()).extracting(HistoryEntry::to).containsExactly("ASSIGNED", "ACCEPTED", "WON");
    }

    @Test
    void anEventIdIsMatchedWhollyNotByItsBeginning() {
        LeadHistory history = new LeadHistory();
        history.add(event("ev-10", "ASSIGNED", null, null));
        assertThat(history.add(event("ev-1", "ACCEPTED", null, null))).isTrue();
        assertThat(history.add(event("ev-100", "WON", null, null))).isTrue();
        assertThat(history.entries()).extracting(HistoryEntry::eventId).containsExactly("ev-10", "ev-1", "ev-100");
    }

    @Test
    void aJsonValueOfAnEarlierReleaseIsReadAndStoredInTheNewFormOnItsNextChange() {
        LeadHistory legacy = read(LEGACY_JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(legacy.entries()).containsExactlyElementsOf(legacyEntries());

        assertThat(legacy.add(legacyEntries().get(1))).isFalse();
        assertThat(legacy.add(event("ev-4", "ACCEPTED", null, "{\"accepted\":true}"))).isTrue();
        byte[] rewritten = bytes(legacy);
        assertThat(rewritten[0]).isEqualTo(HistoryCodec.FORMAT);
        assertThat(read(rewritten).entries()).extracting(HistoryEntry::eventId)
                .containsExactly("ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(read(rewritten).entries().subList(0, 3)).containsExactlyElementsOf(legacyEntries());
    }

    @Test
    void aLeadViewIsTheSameWhetherItsHistoryIsStoredAsJsonOrInTheNewForm() throws Exception {
        LeadHistory legacy = read(LEGACY_JSON.getBytes(StandardCharsets.UTF_8));
        LeadHistory current = new LeadHistory();
        legacyEntries().forEach(current::add);
        ObjectMapper api = new ObjectMapper();

        String fromLegacy = api.writeValueAsString(LeadViews.of("lead-1", null, legacy).orElseThrow());
        String fromCurrent = api.writeValueAsString(LeadViews.of("lead-1", null, stored(current)).orElseThrow());
        assertThat(fromCurrent).isEqualTo(fromLegacy)
                .contains("\"state\":\"ASSIGNED\"", "\"partnerId\":\"p-gold\"", "Kunde möchte Rückruf",
                        "\"details\":{\"plan\":{\"partners\":[\"p-gold\"]},\"note\":\"Grüße \\\"quoted\\\"\"}");
    }

    @Test
    void scrubbingKeepsEveryEntryButDropsFreeTextAndDecisionDetails() {
        LeadHistory history = read(LEGACY_JSON.getBytes(StandardCharsets.UTF_8));
        history.add(event("ev-4", "ACCEPTED", "Herr Müller, Tel. 0171 123456", "{\"contact\":\"anna@example.de\"}"));
        history.scrub();

        List<HistoryEntry> scrubbed = stored(history).entries();
        assertThat(scrubbed).extracting(HistoryEntry::eventId).containsExactly("ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(scrubbed).allSatisfy(e -> {
            assertThat(e.reasonText()).isNull();
            assertThat(e.detailsJson()).isNull();
        });
        assertThat(scrubbed.get(3)).isEqualTo(new HistoryEntry("ev-4", "2026-11-27T09:00:00Z", "SQL", "ACCEPTED",
                false, "CHANNEL:PARTNER", null, "rule:partner-selection", "PARTNER", "p-muc-01",
                "2026-11-29T09:00:00Z", 2, "B", null));
        assertThat(new String(bytes(history), StandardCharsets.UTF_8)).doesNotContain("Müller", "anna@", "Rückruf");
    }

    @Test
    void aTruncatedValueFailsAsBadDataWhenAddingAndWhenReading() {
        LeadHistory history = new LeadHistory();
        history.add(event("ev-1", "ASSIGNED", "text", "{\"a\":1}"));
        history.add(event("ev-2", "ACCEPTED", "text", "{\"a\":2}"));
        byte[] whole = bytes(history);

        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> read(cut).entries()).as("cut at %d", length)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt lead history");
        }
        byte[] secondEntryCut = Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> read(secondEntryCut).add(event("ev-3", "WON", null, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
    }

    @Test
    void garbageFailsAsBadData() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> read(new byte[] { 0x7f, 1, 2 })).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format 0x7f");
        assertThatThrownBy(() -> read("{\"entries\":[{\"eventId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("earlier release");

        byte[] hugeLength = { HistoryCodec.FORMAT, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                0x0f };
        assertThatThrownBy(() -> read(hugeLength).entries()).isInstanceOf(SerializationException.class)
                .hasMessageContaining("out of range");
        byte[] entryPastTheEnd = { HistoryCodec.FORMAT, 0, 0, 0, 1, 100, 1, 2, 3 };
        assertThatThrownBy(() -> read(entryPastTheEnd).add(event("ev-1", "SQL", null, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("entry of 100 bytes");
        byte[] textPastItsEntry = { HistoryCodec.FORMAT, 0, 0, 0, 2, 2, 10, 'x', 3, 1, 'y' };
        assertThatThrownBy(() -> read(textPastItsEntry).entries()).isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
        byte[] moreEntriesThanCounted = { HistoryCodec.FORMAT, 0, 0, 0, 0, 2, 2, 'x' };
        assertThatThrownBy(() -> read(moreEntriesThanCounted).add(event("ev-1", "SQL", null, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 entries where 0 are expected");

        LeadHistory oneEvent = new LeadHistory();
        oneEvent.add(new HistoryEntry("e", "a", "f", "t", true, null, null, null, null, null, null, 0, null, null));
        byte[] badFlag = bytes(oneEvent).clone();
        // format, entry count, entry length, then four one-character texts of two bytes each
        badFlag[1 + 4 + 1 + 4 * 2] = 7;
        assertThatThrownBy(() -> read(badFlag).entries()).isInstanceOf(SerializationException.class)
                .hasMessageContaining("flag 7");
    }
}
