package io.leadrelay.ingest.meta;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.ingest.lead.LeadFields;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.webhook.Names;

/** A lead as the Graph API returns it ({@code field_data}: name and values), mapped to the contract's fields. */
public record GraphLead(String json, JsonNode node) {

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("first_name", LeadFields.FIRST_NAME), Map.entry("last_name", LeadFields.LAST_NAME),
            Map.entry("email", LeadFields.EMAIL), Map.entry("work_email", LeadFields.EMAIL),
            Map.entry("phone_number", LeadFields.PHONE), Map.entry("work_phone_number", LeadFields.PHONE),
            Map.entry("company_name", LeadFields.COMPANY), Map.entry("country", LeadFields.COUNTRY),
            Map.entry("zip_code", LeadFields.POSTAL_CODE), Map.entry("post_code", LeadFields.POSTAL_CODE),
            Map.entry("postal_code", LeadFields.POSTAL_CODE), Map.entry("city", LeadFields.CITY));

    public LeadSubmission toSubmission() {
        LeadSubmission submission = new LeadSubmission();
        for (JsonNode field : node.path("field_data")) {
            String name = field.path("name").asText("");
            JsonNode values = field.path("values");
            if (!values.isArray() || values.isEmpty() || !values.get(0).isTextual() || values.get(0).textValue().isBlank()) {
                continue;
            }
            String value = values.get(0).textValue();
            if ("full_name".equals(name)) {
                String[] names = Names.split(value);
                if (names[0] != null) {
                    submission.putText(LeadFields.FIRST_NAME, names[0]);
                }
                submission.putText(LeadFields.LAST_NAME, names[1]);
            } else if (FIELDS.containsKey(name) && submission.get(FIELDS.get(name)) == null) {
                submission.putText(FIELDS.get(name), value);
            }
        }
        JsonNode campaign = node.path("campaign_name");
        if (campaign.isTextual() && !campaign.textValue().isBlank()) {
            submission.putText(LeadFields.SOURCE_CAMPAIGN, campaign.textValue());
        }
        return submission;
    }
}
