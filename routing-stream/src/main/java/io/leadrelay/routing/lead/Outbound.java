package io.leadrelay.routing.lead;

import org.apache.avro.specific.SpecificRecord;

/**
 * One output of the router: a record for one of the output topics, or a dead letter (the {@code raw} bytes, to the
 * dead-letter topic of the record's source topic).
 */
public record Outbound(Target target, SpecificRecord value, byte[] raw) {

    public enum Target {
        ASSIGNMENTS, DIRECT, NURTURE, CUSTOMERS, LIFECYCLE, DEAD_LETTER
    }

    public static Outbound of(Target target, SpecificRecord value) {
        return new Outbound(target, value, null);
    }

    public static Outbound deadLetter(byte[] raw) {
        return new Outbound(Target.DEAD_LETTER, null, raw);
    }
}
