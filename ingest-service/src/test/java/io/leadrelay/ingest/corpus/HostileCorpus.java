package io.leadrelay.ingest.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hostile-input corpus: malformed bodies, broken encodings, wrong types, missing fields, control characters,
 * script and SQL fragments, oversized values and headers, against the JSON and form endpoints. Every case must be
 * answered 4xx with a problem detail and publish nothing. Cases are generated from a valid lead by breaking one
 * thing at a time, plus the hand-written files under {@code src/test/resources/corpus}.
 */
public final class HostileCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jackson will not write a lone surrogate, so cases carry a marker that becomes the JSON escape \\ud800. */
    private static final String LONE_SURROGATE = "@@lone-surrogate@@";
    static final String VALID = """
            {"firstName": "Anna", "lastName": "Schmidt", "email": "anna.schmidt@example-gmbh.de", "phone": "+49 89 1234567",
             "company": "Example GmbH", "website": "example-gmbh.de", "country": "DE", "postalCode": "80538",
             "city": "Muenchen", "purchaseDecision": "Q3 2027", "expectedVolume": {"amount": 120000, "currency": "EUR"},
             "currentProduct": "Competitor X", "productInterest": "industrial-printers", "message": "Need 40 units",
             "consent": {"marketing": true, "timestamp": "2026-11-20T09:30:00Z", "text": "newsletter-v3"},
             "source": {"channel": "web-form", "campaign": "autumn-fair", "reference": "ref-1", "utm": {"source": "linkedin"}}}""";

    /** Text fields by path; each hostile value is tried in each. */
    private static final List<String> TEXT_FIELDS = List.of("firstName", "lastName", "email", "phone", "company", "website",
            "country", "postalCode", "city", "purchaseDecision", "expectedVolume.currency", "currentProduct",
            "productInterest", "consent.text", "consent.timestamp", "source.channel", "source.campaign", "source.reference",
            "source.utm.source");

    private static final Map<String, String> HOSTILE_VALUES = Map.ofEntries(
            Map.entry("script tag", "<script>alert(1)</script>"),
            Map.entry("img onerror", "<img src=x onerror=alert(1)>"),
            Map.entry("javascript url", "javascript:alert(document.cookie)"),
            Map.entry("sql drop", "Robert'); DROP TABLE leads;--"),
            Map.entry("sql tautology", "x' OR '1'='1' --"),
            Map.entry("sql union", "1 UNION SELECT password FROM users; --"),
            Map.entry("nul byte", "Anna\u0000Schmidt"),
            Map.entry("bell control", "Anna\u0007"),
            Map.entry("ansi escape", "\u001b[31mred"),
            Map.entry("bidi override", "\u202Eevil.exe"),
            Map.entry("zero width", "An\u200Bna"),
            Map.entry("lone surrogate", "x" + LONE_SURROGATE + "y"),
            Map.entry("replacement char", "M\uFFFDnchen"),
            Map.entry("huge value", "A".repeat(100_000)));

    private static final List<String> MALFORMED_JSON = List.of("", " ", "{", "}", "[", "]", "{\"firstName\": }",
            "{\"firstName\": \"Anna\",}", "{'firstName': 'Anna'}", "{firstName: \"Anna\"}", "{\"firstName\": \"Anna\"} trailing",
            "{} {}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": -Infinity}", "{\"a\": 01}", "{\"a\": 1.}",
            "{\"a\": .5}", "{\"a\": 0x10}", "{\"a\": \"unterminated}", "{\"a\": \"bad \\escape\"}", "{\"a\": \"\\u12\"}",
            "// comment\n{}", "/* c */ {}", "{\"firstName\": \"Anna\" \"lastName\": \"S\"}", "{\"firstName\" \"Anna\"}",
            "{\"firstName\": \"Anna\", \"firstName\": \"Eve\"}", "{\"a\": [1, 2,]}", "{\"a\": tru}", "{\"a\": nul}",
            "\"just a string\"", "42", "true", "null", "[]", "[{}]", "{\"a\": \"tab\tinside\"}",
            "{\"a\": \"newline\ninside\"}", "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
            "{\"firstName\": \"" + "9".repeat(200) + "\", \"n\": " + "9".repeat(2_000) + "}");

    private HostileCorpus() {
    }

    public static List<HostileInput> all() {
        List<HostileInput> cases = new ArrayList<>();
        MALFORMED_JSON.forEach(body -> cases.add(HostileInput.json("malformed json: " + abbreviate(body), body)));
        brokenEncodings(cases);
        for (String field : TEXT_FIELDS) {
            HOSTILE_VALUES.forEach((what, value) -> cases.add(HostileInput.json(what + " in " + field, with(field, value))));
        }
        messageCases(cases);
        wrongTypes(cases);
        missingFields(cases);
        numbersAndDates(cases);
        headerCases(cases);
        formCases(cases);
        files(cases);
        return cases;
    }

    private static void brokenEncodings(List<HostileInput> cases) {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFE, (byte) 0xFF}, {(byte) 0x80}};
        for (byte[] bytes : broken) {
            String hex = java.util.HexFormat.of().formatHex(bytes);
            cases.add(HostileInput.bytes("invalid utf-8 " + hex + " in a name", "/api/v1/leads", "application/json",
                    splice(VALID.replace("\"Anna\"", "\"An@@na\""), bytes)));
            cases.add(HostileInput.bytes("invalid utf-8 " + hex + " in a form", "/api/v1/leads/form",
                    "application/x-www-form-urlencoded", splice("firstName=An@@na&lastName=S&email=a%40b.de", bytes)));
        }
        cases.add(HostileInput.bytes("utf-16 body", "/api/v1/leads", "application/json", VALID.getBytes(StandardCharsets.UTF_16)));
        cases.add(HostileInput.bytes("latin-1 body declared utf-8", "/api/v1/leads", "application/json",
                VALID.replace("Muenchen", "München").getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static void messageCases(List<HostileInput> cases) {
        Map<String, String> values = Map.of("script tag", "<script>alert(1)</script>", "iframe", "Hi <iframe src=//evil>",
                "event handler", "x\" onmouseover=\"alert(1)", "nul byte", "a\u0000b", "escape", "\u001b]0;title\u0007",
                "bidi", "\u202Ereversed", "lone surrogate", "a" + LONE_SURROGATE, "too long", "x".repeat(5_001),
                "data url", "data:text/html;base64,PHNjcmlwdD4=", "svg", "<svg/onload=alert(1)>");
        values.forEach((what, value) -> cases.add(HostileInput.json(what + " in message", with("message", value))));
    }

    private static void wrongTypes(List<HostileInput> cases) {
        List<String> scalars = new ArrayList<>(TEXT_FIELDS);
        scalars.addAll(List.of("message", "expectedVolume.amount", "consent.marketing", "test"));
        for (String field : scalars) {
            cases.add(HostileInput.json("object as " + field, withRaw(field, n -> n.putObject(last(field)))));
            cases.add(HostileInput.json("array as " + field, withRaw(field, n -> n.putArray(last(field)).add("x"))));
            if (!field.equals("expectedVolume.amount")) {
                boolean bool = field.equals("consent.marketing") || field.equals("test");
                cases.add(HostileInput.json((bool ? "number as " : "boolean as ") + field,
                        withRaw(field, n -> {
                            if (bool) {
                                n.put(last(field), 1);
                            } else {
                                n.put(last(field), true);
                            }
                        })));
            }
        }
        for (String object : List.of("expectedVolume", "consent", "source", "source.utm")) {
            cases.add(HostileInput.json("string as " + object, withRaw(object, n -> n.put(last(object), "yes"))));
            cases.add(HostileInput.json("array as " + object, withRaw(object, n -> n.putArray(last(object)))));
            cases.add(HostileInput.json("number as " + object, withRaw(object, n -> n.put(last(object), 7))));
        }
        cases.add(HostileInput.json("unknown utm key", withRaw("source.utm.evil", n -> n.put("evil", "x"))));
    }

    private static void missingFields(List<HostileInput> cases) {
        cases.add(HostileInput.json("no name", without("firstName", "lastName")));
        cases.add(HostileInput.json("no email or phone", without("email", "phone")));
        cases.add(HostileInput.json("no company", without("company")));
        cases.add(HostileInput.json("no country", without("country")));
        cases.add(HostileInput.json("no consent", without("consent")));
        cases.add(HostileInput.json("empty object", "{}"));
        cases.add(HostileInput.json("blank names", with("firstName", "   ").replace("\"Schmidt\"", "\"\\t\"")));
        cases.add(HostileInput.json("amount without currency", withRaw("expectedVolume.currency", n -> n.remove("currency"))));
        cases.add(HostileInput.json("currency without amount", withRaw("expectedVolume.amount", n -> n.remove("amount"))));
    }

    private static void numbersAndDates(List<HostileInput> cases) {
        Map<String, String> amounts = Map.of("negative amount", "-5", "huge exponent", "1e999999", "tiny exponent", "1e-999999",
                "too many digits", "12345678901234567890", "text amount", "\"lots\"", "hex amount", "\"0x10\"",
                "amount with unit", "\"5000 EUR\"");
        amounts.forEach((what, value) -> cases.add(HostileInput.json(what,
                VALID.replace("\"amount\": 120000", "\"amount\": " + value))));
        Map<String, String> dates = Map.of("decision far future", "2999-01-01", "decision impossible date", "2027-02-30",
                "decision Q5", "Q5 2027", "decision in 9999 months", "in 999 months", "decision words", "soon-ish");
        dates.forEach((what, value) -> cases.add(HostileInput.json(what, with("purchaseDecision", value))));
        cases.add(HostileInput.json("consent in the future", with("consent.timestamp", "2999-01-01T00:00:00Z")));
        cases.add(HostileInput.json("consent not a time", with("consent.timestamp", "yesterday")));
        cases.add(HostileInput.json("unknown currency", with("expectedVolume.currency", "EURO")));
        cases.add(HostileInput.json("unknown currency code", with("expectedVolume.currency", "ABC")));
        cases.add(HostileInput.json("phone too short", with("phone", "12")));
        cases.add(HostileInput.json("phone letters", with("phone", "+49 CALL ME")));
        cases.add(HostileInput.json("postal code of wrong country", with("postalCode", "SW1A 1AA")));
        cases.add(HostileInput.json("email without domain", with("email", "anna@")));
        cases.add(HostileInput.json("email double at", with("email", "anna@@example.de")));
        cases.add(HostileInput.json("email header injection", with("email", "anna@example.de\r\nBcc: all@example.de")));
        cases.add(HostileInput.json("country unknown", with("country", "Atlantis")));
        cases.add(HostileInput.json("channel upper case", with("source.channel", "WEB FORM")));
    }

    private static void headerCases(List<HostileInput> cases) {
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1",
                "application/json; charset=utf-16", "garbage", "application/", "application/x-www-form-urlencoded")) {
            cases.add(HostileInput.bytes("content type " + type, "/api/v1/leads", type, VALID.getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(HostileInput.bytes("form as json", "/api/v1/leads/form", "application/json", VALID.getBytes(StandardCharsets.UTF_8)));
        cases.add(HostileInput.bytes("no content type", "/api/v1/leads", null, VALID.getBytes(StandardCharsets.UTF_8)));
        for (String key : List.of("has space", "tab\there", "x".repeat(256), "umlaut-ä")) {
            cases.add(HostileInput.json("idempotency key " + abbreviate(key), VALID).withHeader("Idempotency-Key", key));
        }
        byte[] huge = ("{\"firstName\": \"Anna\", \"padding\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        cases.add(HostileInput.bytes("body over 1 MiB", "/api/v1/leads", "application/json", huge));
        cases.add(HostileInput.bytes("form over 1 MiB", "/api/v1/leads/form", "application/x-www-form-urlencoded",
                ("firstName=" + "x".repeat(1_100_000)).getBytes(StandardCharsets.US_ASCII)));
    }

    private static void formCases(List<HostileInput> cases) {
        String base = "firstName=Anna&lastName=Schmidt&email=anna%40example.de&company=Example+GmbH&country=DE&consent.marketing=on";
        cases.add(HostileInput.form("form broken escape", base + "&city=M%G1nchen"));
        cases.add(HostileInput.form("form truncated escape", base + "&city=M%"));
        cases.add(HostileInput.form("form invalid utf-8 escape", base + "&city=M%C3%28nchen"));
        cases.add(HostileInput.form("form overlong escape", base + "&city=%C0%AF"));
        cases.add(HostileInput.form("form raw non-ascii", base + "&city=München"));
        cases.add(HostileInput.form("form duplicate field", base + "&email=other%40example.de"));
        cases.add(HostileInput.form("form script", base.replace("Anna", "%3Cscript%3Ealert(1)%3C%2Fscript%3E")));
        cases.add(HostileInput.form("form sql", base.replace("Example+GmbH", "x%27%3B+DROP+TABLE+leads%3B--")));
        cases.add(HostileInput.form("form nul", base.replace("Schmidt", "Sch%00midt")));
        cases.add(HostileInput.form("form crlf injection", base.replace("anna%40example.de", "anna%40example.de%0D%0ABcc%3Ax%40y.de")));
        cases.add(HostileInput.form("form no consent", base.replace("&consent.marketing=on", "")));
        cases.add(HostileInput.form("form consent garbage", base.replace("consent.marketing=on", "consent.marketing=maybe")));
        cases.add(HostileInput.form("form empty", ""));
        for (String target : List.of("https%3A%2F%2Fevil.example.org%2F", "%2F%2Fevil.example.org", "javascript%3Aalert(1)",
                "https%3A%2F%2Fwww.example.com%40evil.org%2Fthanks", "https%3A%2F%2Fwww.example.com%2Fthanks%23frag",
                "http%3A%2F%2Fwww.example.com%2Fthanks", "https%3A%2F%2Fwww.example.com%2Fthanks%0D%0ASet-Cookie%3Ax",
                "https%3A%2F%2Fwww.example.com%5C%40evil.org", "data%3Atext%2Fhtml%2C%3Cscript%3E")) {
            cases.add(HostileInput.form("form redirect " + target, base + "&redirect=" + target));
        }
    }

    /** Hand-written cases: one file per case, first line "path content-type", the rest the body. */
    private static void files(List<HostileInput> cases) {
        try (InputStream index = HostileCorpus.class.getResourceAsStream("/corpus/index.txt")) {
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream file = HostileCorpus.class.getResourceAsStream("/corpus/" + name.strip())) {
                    byte[] all = file.readAllBytes();
                    int newline = indexOf(all, (byte) '\n');
                    String[] head = new String(all, 0, newline, StandardCharsets.US_ASCII).strip().split(" ", 2);
                    byte[] body = java.util.Arrays.copyOfRange(all, newline + 1, all.length);
                    cases.add(HostileInput.bytes("file " + name.strip(), head[0], head[1], body));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String with(String field, String value) {
        return withRaw(field, n -> n.put(last(field), value));
    }

    /** The valid lead with the object holding {@code field} changed by {@code change}. */
    private static String withRaw(String field, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(VALID);
            ObjectNode parent = root;
            String[] parts = field.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            change.accept(parent);
            return JSON.writeValueAsString(root).replace(LONE_SURROGATE, "\\ud800");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String... fields) {
        return withRaw(fields[0], n -> {
            for (String f : fields) {
                n.remove(f);
            }
        });
    }

    private static String last(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    private static byte[] splice(String text, byte[] bytes) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = new String(utf8, StandardCharsets.ISO_8859_1).indexOf("@@");
        byte[] out = new byte[utf8.length - 2 + bytes.length];
        System.arraycopy(utf8, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(utf8, at + 2, out, at + bytes.length, utf8.length - at - 2);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("corpus file without header line");
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…(" + s.length() + ")" : oneLine;
    }
}
