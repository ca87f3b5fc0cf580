package io.leadrelay.ingest.googleads;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.ingest.api.LeadAccepted;
import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.api.MediaTypes;
import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.formats.Bodies;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.formats.Utf8;
import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.ingest.problem.Problem;
import io.leadrelay.ingest.problem.ProblemException;
import io.leadrelay.ingest.webhook.Secrets;
import io.leadrelay.schemas.Consent;
import io.smallrye.common.annotation.Blocking;

/**
 * The Google Ads lead form webhook. The {@code google_key} must equal the configured key; the platform's
 * {@code lead_id} is the lead's source reference and idempotency key, so a redelivery keeps its lead id and
 * writes nothing new; {@code is_test} leads are flagged as test leads.
 */
@Path("/webhooks/google-ads")
@Tag(name = "webhooks")
public class GoogleAdsWebhook {

    public static final String SOURCE = "google-ads";
    private static final String EXAMPLE = """
            {"lead_id": "TeSter-123-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "api_version": "1.0", "form_id": 40000000000,
             "campaign_id": 12345678901, "google_key": "secret", "is_test": true, "gcl_id": "gclid-1",
             "user_column_data": [
               {"column_name": "Full Name", "string_value": "Anna Schmidt", "column_id": "FULL_NAME"},
               {"column_name": "User Email", "string_value": "anna@example-gmbh.de", "column_id": "EMAIL"},
               {"column_name": "User Phone", "string_value": "+49 89 1234567", "column_id": "PHONE_NUMBER"},
               {"column_name": "Company Name", "string_value": "Example GmbH", "column_id": "COMPANY_NAME"},
               {"column_name": "Country", "string_value": "DE", "column_id": "COUNTRY"}]}""";

    private final LeadReception reception;
    private final IngestConfig config;

    public GoogleAdsWebhook(LeadReception reception, IngestConfig config) {
        this.reception = reception;
        this.config = config;
    }

    @POST
    @Blocking
    @Operation(summary = "Google Ads lead form webhook", description = "200 after Kafka acknowledged the lead.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "lead", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Stored in Kafka (or a redelivery of a stored lead)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "403", description = "google_key does not match", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The lead's columns are not valid", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; Google retries", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CompletionStage<Response> receive(@HeaderParam("Content-Type") String contentType, InputStream body) {
        try {
            Bodies.requireType(MediaTypes.parse(contentType), MediaType.APPLICATION_JSON_TYPE);
            byte[] bytes = Bodies.read(body, config.limits().maxBodyBytes());
            String raw = Utf8.decode(bytes).orElseThrow(() -> ProblemException.malformed("the body is not valid UTF-8"));
            JsonNode payload = JsonSubmissions.parse(bytes);
            if (!Secrets.sameSecret(config.googleAds().key().orElse(null), payload.path("google_key").asText(null))) {
                throw ProblemException.forbidden("google_key does not match the configured key");
            }
            JsonNode leadIdNode = payload.path("lead_id");
            String leadId = leadIdNode.isTextual() ? leadIdNode.textValue().strip() : "";
            if (leadId.isEmpty() || leadId.length() > 200) {
                throw ProblemException.invalid(List.of(new FieldError("lead_id", "REQUIRED", "the Google Ads lead id is required")));
            }
            boolean test = payload.path("is_test").asBoolean(false);
            Origin origin = new Origin(SOURCE, leadId, null, test,
                    new Consent(true, null, config.googleAds().consentText()), config.googleAds().defaultCountry().orElse(null));
            return reception.receive(SOURCE, GoogleAdsLeads.toSubmission(payload), origin, MediaType.APPLICATION_JSON, raw,
                    SOURCE, leadId).handle((receipt, error) -> error != null ? reception.failure(error)
                            : Response.ok(LeadAccepted.received(receipt.leadId()), MediaType.APPLICATION_JSON).build());
        } catch (ProblemException e) {
            if (e.problem().status() != 422) {
                reception.refused(SOURCE);
            }
            throw e;
        }
    }
}
