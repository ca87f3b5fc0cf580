package io.leadrelay.ingest.lead;

/** Why one field of a submission was refused. {@code field} uses the flattened name, e.g. {@code expectedVolume.amount}. */
public record FieldError(String field, String code, String message) {
}
