package io.leadrelay.ingest.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadrelay.ingest.lead.FieldError;

/** One row's outcome in a batch answer: its lead id and state, or its errors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowResult(int row, String leadId, String state, List<FieldError> errors) {

    public static RowResult received(int row, String leadId) {
        return new RowResult(row, leadId, "RECEIVED", null);
    }

    public static RowResult rejected(int row, List<FieldError> errors) {
        return new RowResult(row, null, null, errors);
    }

    public static RowResult notStored(int row) {
        return new RowResult(row, null, "NOT_STORED", null);
    }
}
