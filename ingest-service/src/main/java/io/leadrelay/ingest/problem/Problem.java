package io.leadrelay.ingest.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadrelay.ingest.lead.FieldError;

/** An RFC 9457 problem detail, with the field errors of a refused submission. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, List<?> results) {

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    /** The same problem carrying per-row outcomes of a batch (which rows were stored before it failed). */
    public Problem withResults(List<?> rowResults) {
        return new Problem(type, title, status, detail, errors, rowResults);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://leadrelay.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-lead", "The lead is not valid", 422, detail, errors);
    }
}
