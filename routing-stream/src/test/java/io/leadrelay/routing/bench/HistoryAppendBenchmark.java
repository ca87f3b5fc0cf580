package io.leadrelay.routing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.serialization.Serde;

import io.leadrelay.routing.history.HistoryCodec;
import io.leadrelay.routing.history.HistoryEntry;
import io.leadrelay.routing.history.LeadHistory;
import io.leadrelay.routing.kafka.Json;

/**
 * Cost of adding a lead's 1st…10th lifecycle event to its stored history, as the router does it (read the stored
 * value, add, write it back): the JSON value of earlier releases against {@link HistoryCodec}, in the same run. Every
 * other event carries a routing decision's details (~4 KB, as with ~180 partners out of territory).
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.leadrelay.routing.bench.HistoryAppendBenchmark [-Dexec.args="<leads> <rounds>"]}
 */
public final class HistoryAppendBenchmark {

    private static final int EVENTS = 10;

    /** The value earlier releases stored, written by the same mapper. */
    private static final class JsonHistory {
        List<HistoryEntry> entries = new ArrayList<>();

        boolean add(HistoryEntry entry) {
            if (entries.stream().anyMatch(e -> e.eventId().equals(entry.eventId()))) {
                return false;
            }
            entries.add(entry);
            return true;
        }
    }

    private interface Store {
        byte[] append(byte[] stored, HistoryEntry entry);
    }

    private HistoryAppendBenchmark() {
    }

    public static void main(String[] args) {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        HistoryEntry[][] events = events(leads);

        Serde<JsonHistory> json = Json.serde(JsonHistory.class);
        Store asJson = (stored, entry) -> {
            JsonHistory h = stored == null ? new JsonHistory() : json.deserializer().deserialize("t", stored);
            h.add(entry);
            return json.serializer().serialize("t", h);
        };
        Serde<LeadHistory> binary = HistoryCodec.serde();
        Store asBinary = (stored, entry) -> {
            LeadHistory h = stored == null ? new LeadHistory() : binary.deserializer().deserialize("t", stored);
            h.add(entry);
            return binary.serializer().serialize("t", h);
        };

        for (int round = 1; round <= rounds; round++) {
            boolean jsonFirst = round % 2 == 1;
            long[][] first = run(jsonFirst ? asJson : asBinary, events);
            long[][] second = run(jsonFirst ? asBinary : asJson, events);
            long[][] j = jsonFirst ? first : second;
            long[][] b = jsonFirst ? second : first;
            System.out.printf(Locale.ROOT, "round %d (%d leads)%n", round, leads);
            System.out.printf(Locale.ROOT, "%5s %12s %12s %7s %11s %11s%n", "event", "json µs", "binary µs", "ratio",
                    "json bytes", "bin bytes");
            long jsonTotal = 0;
            long binaryTotal = 0;
            for (int k = 0; k < EVENTS; k++) {
                jsonTotal += j[0][k];
                binaryTotal += b[0][k];
                System.out.printf(Locale.ROOT, "%5d %12.2f %12.2f %6.1fx %11d %11d%n", k + 1,
                        j[0][k] / 1000.0 / leads, b[0][k] / 1000.0 / leads, (double) j[0][k] / b[0][k], j[1][k],
                        b[1][k]);
            }
            System.out.printf(Locale.ROOT, "%5s %12.2f %12.2f %6.1fx%n", "1-10", jsonTotal / 1000.0 / leads,
                    binaryTotal / 1000.0 / leads, (double) jsonTotal / binaryTotal);
        }
    }

    /** Per event position: nanoseconds for all leads, and the stored value's size after it. */
    private static long[][] run(Store store, HistoryEntry[][] events) {
        byte[][] values = new byte[events.length][];
        long[][] result = new long[2][EVENTS];
        for (int k = 0; k < EVENTS; k++) {
            long start = System.nanoTime();
            for (int lead = 0; lead < events.length; lead++) {
                values[lead] = store.append(values[lead], events[lead][k]);
            }
            result[0][k] = System.nanoTime() - start;
            result[1][k] = values[0].length;
        }
        return result;
    }

    private static HistoryEntry[][] events(int leads) {
        StringBuilder details = new StringBuilder("{\"candidates\":[{\"partnerId\":\"p-muc-01\",\"score\":0.82}],")
                .append("\"excluded\":[{\"reasons\":[\"OUT_OF_TERRITORY\"],\"count\":180,\"partnerIds\":[");
        for (int p = 0; p < 180; p++) {
            details.append(p == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"p-%03d-de\"", p));
        }
        String decision = details.append("],\"otherCriteriaChecked\":false}],\"ruleVersion\":\"routing-rules/1\"}")
                .toString();
        HistoryEntry[][] events = new HistoryEntry[leads][EVENTS];
        for (int lead = 0; lead < leads; lead++) {
            for (int k = 0; k < EVENTS; k++) {
                events[lead][k] = new HistoryEntry("lead-" + lead + "-event-" + k, "2026-11-27T09:00:0" + k + "Z",
                        "ASSIGNED", "ACCEPTED", false, "PROGRESS_RECORDED", k % 2 == 0 ? null : "Termin vereinbart",
                        "partner:p-muc-01", "PARTNER", "p-muc-01", "2026-12-11T09:00:00Z", 1, "A",
                        k % 2 == 0 ? decision : null);
            }
        }
        return events;
    }
}
