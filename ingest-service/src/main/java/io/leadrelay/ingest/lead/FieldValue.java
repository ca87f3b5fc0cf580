package io.leadrelay.ingest.lead;

/** One submitted scalar: its text and the JSON type it came as (forms and CSV only ever give text). */
public record FieldValue(String text, Kind kind) {

    public enum Kind {
        TEXT, NUMBER, BOOLEAN
    }

    public static FieldValue text(String text) {
        return new FieldValue(text, Kind.TEXT);
    }
}
