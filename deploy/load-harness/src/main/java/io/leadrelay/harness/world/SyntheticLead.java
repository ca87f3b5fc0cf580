package io.leadrelay.harness.world;

import java.util.Map;

/**
 * One lead as a lead source submits it.
 *
 * @param idempotencyKey sent as {@code Idempotency-Key}, so a retry after a crash never makes a second lead
 * @param form           true: posted as an HTML form to {@code /api/v1/leads/form}, else JSON to {@code /api/v1/leads}
 * @param fields         the contract's JSON shape (nested maps); flattened with dots for a form
 * @param intent         where the lead is meant to go
 * @param covered        some active partner sells its product at its place
 */
public record SyntheticLead(String idempotencyKey, boolean form, Map<String, Object> fields, Intent intent,
        String country, String postalCode, String product, boolean covered) {

    public enum Intent {
        PARTNER, DIRECT, NURTURE, DUPLICATE
    }

    /** Whether the lead should reach a first offer/assignment (a covered partner lead) or direct sales. */
    public boolean expectsRouting() {
        return intent == Intent.DIRECT || intent == Intent.PARTNER && covered;
    }

    /** The fields with nested maps flattened to dotted names ({@code expectedVolume.amount}), as a form sends them. */
    public Map<String, String> formFields() {
        Map<String, String> flat = new java.util.LinkedHashMap<>();
        flatten("", fields, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> out) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flatten(prefix + key + ".", (Map<String, Object>) nested, out);
            } else if (value != null) {
                out.put(prefix + key, value.toString());
            }
        });
    }
}
