package io.leadrelay.ingest.api;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.form.RedirectAllowList;
import io.leadrelay.ingest.formats.Bodies;
import io.leadrelay.ingest.formats.FormSubmissions;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.formats.Utf8;
import io.leadrelay.ingest.lead.FieldError;
import io.leadrelay.ingest.lead.LeadSubmission;
import io.leadrelay.ingest.lead.Origin;
import io.leadrelay.ingest.problem.Problem;
import io.leadrelay.ingest.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;

/** Leads submitted directly: JSON from systems, urlencoded from HTML forms. */
@Path("/api/v1/leads")
@Tag(name = "leads", description = "Submit leads; answered only after Kafka acknowledged them")
public class LeadResource {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_FORM = "web-form";
    /** The form field naming the thank-you page; not part of the lead. */
    public static final String REDIRECT_FIELD = "redirect";

    static final String LEAD_EXAMPLE = """
            {"firstName": "Anna", "lastName": "Schmidt", "email": "anna.schmidt@example-gmbh.de",
             "phone": "+49 89 1234567", "company": "Example GmbH", "website": "example-gmbh.de",
             "country": "DE", "postalCode": "80538", "city": "München", "purchaseDecision": "Q3 2027",
             "expectedVolume": {"amount": 120000, "currency": "EUR"}, "currentProduct": "Competitor X",
             "productInterest": "industrial-printers", "message": "Need 40 units for two plants",
             "consent": {"marketing": true, "timestamp": "2026-11-27T09:30:00Z", "text": "newsletter-v3"},
             "source": {"channel": "web-form", "campaign": "autumn-fair", "utm": {"source": "linkedin"}}}""";
    static final String ACCEPTED_EXAMPLE = "{\"leadId\": \"5b0f1c1e-8a3e-5d6c-9f13-2f1f4b1b7c0a\", \"state\": \"RECEIVED\"}";
    static final String INVALID_EXAMPLE = """
            {"type": "https://leadrelay.io/problems/invalid-lead", "title": "The lead is not valid", "status": 422,
             "detail": "the lead has 1 invalid field(s)",
             "errors": [{"field": "email", "code": "INVALID", "message": "not an email address"}]}""";

    private final LeadReception reception;
    private final IngestConfig config;
    private final RedirectAllowList redirects;

    public LeadResource(LeadReception reception, IngestConfig config) {
        this.reception = reception;
        this.config = config;
        this.redirects = new RedirectAllowList(config.form().redirectAllowList().orElse(List.of()));
    }

    @POST
    @Blocking
    @Operation(summary = "Submit one lead as JSON",
            description = "202 only after Kafka acknowledged the lead (acks=all). A repeat with the same Idempotency-Key "
                    + "within 24 h returns the same lead id and writes nothing new.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "lead", value = LEAD_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Stored in Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadAccepted.class),
                    examples = @ExampleObject(name = "accepted", value = ACCEPTED_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body over the configured limit (1 MiB)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not application/json in UTF-8", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CompletionStage<Response> submit(@HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Makes a repeat within 24 h return the same lead id without writing")
            @HeaderParam(LeadReception.IDEMPOTENCY_KEY) String idempotencyKey,
            InputStream body) {
        try {
            String key = LeadReception.idempotencyKey(idempotencyKey);
            Bodies.requireType(MediaTypes.parse(contentType), MediaType.APPLICATION_JSON_TYPE);
            byte[] bytes = Bodies.read(body, config.limits().maxBodyBytes());
            String raw = Utf8.decode(bytes).orElseThrow(() -> ProblemException.malformed("the body is not valid UTF-8"));
            LeadSubmission submission = JsonSubmissions.fromObject(JsonSubmissions.parse(bytes));
            return reception.receive(SOURCE_API, submission, Origin.of(SOURCE_API, key), MediaType.APPLICATION_JSON, raw,
                    SOURCE_API, key).handle(reception::accepted);
        } catch (ProblemException e) {
            if (e.problem().status() != 422) {
                reception.refused(SOURCE_API);
            }
            throw e;
        }
    }

    @POST
    @Path("/form")
    @Blocking
    @Operation(summary = "Submit one lead from an HTML form",
            description = "Fields use the JSON names, nested ones with dots (expectedVolume.amount, consent.marketing). "
                    + "With a 'redirect' field naming an allow-listed thank-you URL the answer is 303 to it; a URL not on "
                    + "the allow-list is refused.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, examples = @ExampleObject(name = "form",
            value = "firstName=Anna&lastName=Schmidt&email=anna%40example.de&company=Example+GmbH&country=DE&consent.marketing=on&redirect=https%3A%2F%2Fwww.example.com%2Fthanks")))
    @APIResponse(responseCode = "202", description = "Stored in Kafka (no redirect requested)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadAccepted.class)))
    @APIResponse(responseCode = "303", description = "Stored in Kafka; go to the thank-you page")
    @APIResponse(responseCode = "400", description = "Malformed body, or a redirect not on the allow-list", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Invalid fields", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CompletionStage<Response> submitForm(@HeaderParam("Content-Type") String contentType,
            @HeaderParam(LeadReception.IDEMPOTENCY_KEY) String idempotencyKey, InputStream body) {
        try {
            String key = LeadReception.idempotencyKey(idempotencyKey);
            Bodies.requireType(MediaTypes.parse(contentType), MediaType.APPLICATION_FORM_URLENCODED_TYPE);
            byte[] bytes = Bodies.read(body, config.limits().maxBodyBytes());
            String raw = new String(bytes, StandardCharsets.US_ASCII);
            Map<String, String> form = FormSubmissions.parse(raw);
            Optional<URI> redirect = Optional.empty();
            String target = form.get(REDIRECT_FIELD);
            if (target != null && !target.isEmpty()) {
                redirect = redirects.check(target);
                if (redirect.isEmpty()) {
                    throw ProblemException.badRequest("the redirect target is not allow-listed",
                            List.of(new FieldError(REDIRECT_FIELD, "NOT_ALLOWED", "not an allow-listed thank-you URL")));
                }
            }
            LeadSubmission submission = FormSubmissions.toSubmission(form, Set.of(REDIRECT_FIELD));
            Optional<URI> thanks = redirect;
            CompletableFuture<Response> answer = reception.receive(SOURCE_FORM, submission, Origin.of(SOURCE_FORM, key),
                    MediaType.APPLICATION_FORM_URLENCODED, raw, SOURCE_FORM, key).handle((receipt, error) -> {
                        if (error != null || thanks.isEmpty()) {
                            return reception.accepted(receipt, error);
                        }
                        return Response.seeOther(thanks.get()).build();
                    });
            return answer;
        } catch (ProblemException e) {
            if (e.problem().status() != 422) {
                reception.refused(SOURCE_FORM);
            }
            throw e;
        }
    }
}
