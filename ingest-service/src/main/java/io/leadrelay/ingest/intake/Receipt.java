package io.leadrelay.ingest.intake;

/** What a submitter gets for an accepted lead; {@code replayed} when a repeat was answered without writing. */
public record Receipt(String leadId, boolean replayed) {
}
