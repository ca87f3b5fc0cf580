package io.leadrelay.ingest.googleads;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.LeadFields;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.webhook.Names;

/** Maps a Google Ads lead form webhook payload ({@code user_column_data}) to the contract's lead fields. */
public final class GoogleAdsLeads {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("FIRST_NAME", LeadFields.FIRST_NAME), Map.entry("LAST_NAME", LeadFields.LAST_NAME),
            Map.entry("EMAIL", LeadFields.EMAIL), Map.entry("WORK_EMAIL", LeadFields.EMAIL),
            Map.entry("PHONE_NUMBER", LeadFields.PHONE), Map.entry("WORK_PHONE", LeadFields.PHONE),
            Map.entry("COMPANY_NAME", LeadFields.COMPANY), Map.entry("POSTAL_CODE", LeadFields.POSTAL_CODE),
            Map.entry("COUNTRY", LeadFields.COUNTRY), Map.entry("CITY", LeadFields.CITY));

    private GoogleAdsLeads() {
    }

    public static LeadSubmission toSubmission(JsonNode payload) {
        LeadSubmission submission = new LeadSubmission();
        JsonNode columns = payload.path("user_column_data");
        if (!columns.isArray()) {
            submission.structuralError(new FieldError("user_column_data", "REQUIRED", "an array of columns is required"));
            return submission;
        }
        for (JsonNode column : columns) {
            String id = column.path("column_id").asText("");
            JsonNode value = column.path("string_value");
            if (!value.isTextual() || value.textValue().isBlank()) {
                continue;
            }
            if ("FULL_NAME".equals(id)) {
                String[] names = Names.split(value.textValue());
                if (names[0] != null) {
                    submission.putText(LeadFields.FIRST_NAME, names[0]);
                }
                submission.putText(LeadFields.LAST_NAME, names[1]);
            } else if (COLUMNS.containsKey(id) && submission.get(COLUMNS.get(id)) == null) {
                submission.putText(COLUMNS.get(id), value.textValue());
            }
        }
        JsonNode campaign = payload.path("campaign_id");
        if (campaign.isNumber() || campaign.isTextual()) {
            submission.putText(LeadFields.SOURCE_CAMPAIGN, campaign.asText());
        }
        return submission;
    }
}
