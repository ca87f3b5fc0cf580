package io.leadrelay.ingest.lead;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead as submitted, flattened to dotted field names ({@code expectedVolume.amount}) whatever the format,
 * plus the structural errors met while reading it (arrays, objects where a value belongs).
 */
public final class LeadSubmission {

    private final Map<String, FieldValue> fields = new LinkedHashMap<>();
    private final List<FieldError> structuralErrors = new ArrayList<>();

    public LeadSubmission put(String field, FieldValue value) {
        if (fields.putIfAbsent(field, value) != null) {
            structuralErrors.add(new FieldError(field, "DUPLICATE", "field given more than once"));
        }
        return this;
    }

    public LeadSubmission putText(String field, String text) {
        return put(field, FieldValue.text(text));
    }

    public void structuralError(FieldError error) {
        structuralErrors.add(error);
    }

    public FieldValue get(String field) {
        return fields.get(field);
    }

    public Map<String, FieldValue> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public List<FieldError> structuralErrors() {
        return Collections.unmodifiableList(structuralErrors);
    }
}
