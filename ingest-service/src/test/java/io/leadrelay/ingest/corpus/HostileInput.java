package io.leadrelay.ingest.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One malformed or hostile request: where it goes, with which headers and body, and why it is hostile. */
public record HostileInput(String name, String path, String contentType, Map<String, String> headers, byte[] body) {

    public static HostileInput json(String name, String body) {
        return new HostileInput(name, "/api/v1/leads", "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public static HostileInput bytes(String name, String path, String contentType, byte[] body) {
        return new HostileInput(name, path, contentType, Map.of(), body);
    }

    public static HostileInput form(String name, String body) {
        return new HostileInput(name, "/api/v1/leads/form", "application/x-www-form-urlencoded", Map.of(),
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    public HostileInput withHeader(String header, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(header, value);
        return new HostileInput(name, path, contentType, Map.copyOf(all), body);
    }

    @Override
    public String toString() {
        return name;
    }
}
