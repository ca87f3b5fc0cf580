package io.leadrelay.feedback.http;

/** One invalid input field: a JSON pointer-like path and what is wrong with it (never the value itself). */
public record FieldError(String field, String message) {
}
