package io.leadrelay.feedback.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadrelay.feedback.auth.Allowed;
import io.leadrelay.feedback.auth.ApiTokens;
import io.leadrelay.feedback.auth.CurrentCaller;
import io.leadrelay.feedback.auth.JwtVerifier;
import io.leadrelay.feedback.auth.Role;
import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.http.FieldError;
import io.leadrelay.feedback.http.FieldReader;
import io.leadrelay.feedback.http.JsonInput;
import io.leadrelay.feedback.http.ProblemException;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.ErasureRequest;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.Topics;

/** The admin API: partner and company master data, API tokens, privacy erasure. */
@Path("/api/v1/admin")
@Allowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Master data, tokens and erasure")
@SecurityRequirement(name = "bearer")
public class AdminResource {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    private static final Pattern TOKEN_ID = Pattern.compile("tok_[0-9a-f]{24}");
    private static final Duration MAX_TOKEN_TTL = Duration.ofDays(3660);

    private final CurrentCaller caller;
    private final RecordWriter writer;
    private final ApiTokens tokens;
    private final FeedbackConfig config;
    private final Clock clock;

    AdminResource(CurrentCaller caller, RecordWriter writer, ApiTokens tokens, FeedbackConfig config, Clock clock) {
        this.caller = caller;
        this.writer = writer;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    @PUT
    @Path("/partners/{partnerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a partner's master data (to reference.partners)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "partner",
            value = "{\"name\": \"Muster Systemhaus München\", \"territories\": [{\"country\": \"DE\", \"postalPrefixes\": "
                    + "[\"80\", \"81\", \"85\"]}], \"products\": [\"industrial-printers\"], \"tier\": \"GOLD\", \"capacity\": 40, "
                    + "\"weight\": 1.0, \"acceptSla\": \"PT48H\", \"active\": true, \"pausedUntil\": null}")))
    public PartnerView putPartner(@PathParam("partnerId") String partnerId, String body) {
        checkPath("partnerId", partnerId, JwtVerifier.PARTNER_ID, "must be lower-case letters, digits and hyphens (2-64)");
        PartnerProfile profile = MasterData.partner(partnerId, body, clock.instant(),
                config.partners().minAcceptSla(), config.partners().maxAcceptSla());
        writer.write(Topics.REFERENCE_PARTNERS, partnerId, profile, new RecordHeaders());
        return PartnerView.of(profile);
    }

    @PUT
    @Path("/companies/{domain}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace one company of the company source (to reference.companies)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "company",
            value = "{\"name\": \"Example GmbH\", \"annualRevenue\": 42000000, \"currency\": \"EUR\", \"employees\": 180, "
                    + "\"industry\": \"manufacturing\", \"country\": \"DE\"}")))
    public Map<String, Object> putCompany(@PathParam("domain") String rawDomain, String body) {
        String domain = MasterData.normaliseDomain(rawDomain);
        if (domain == null) {
            throw ProblemException.invalid(List.of(new FieldError("domain", "must be a domain such as example-gmbh.de")));
        }
        CompanyProfile company = MasterData.company(domain, body, clock.instant());
        writer.write(Topics.REFERENCE_COMPANIES, domain, company, new RecordHeaders());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("domain", domain);
        answer.put("name", company.getName());
        answer.put("updatedAt", company.getUpdatedAt().toString());
        return answer;
    }

    @POST
    @Path("/partners/{partnerId}/tokens")
    @Operation(summary = "Issue a partner API token; the token is shown once, only its hash is kept")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "token",
            value = "{\"expiresIn\": \"P90D\"}")))
    public Response partnerToken(@PathParam("partnerId") String partnerId, String body) {
        checkPath("partnerId", partnerId, JwtVerifier.PARTNER_ID, "must be lower-case letters, digits and hyphens (2-64)");
        FieldReader fields = new FieldReader(JsonInput.object(body, true), "expiresIn");
        Duration ttl = ttl(fields);
        fields.throwIfInvalid();
        return issued(tokens.issue(Role.PARTNER, partnerId, ttl));
    }

    @POST
    @Path("/users/{userId}/tokens")
    @Operation(summary = "Issue a token for an inside-sales user (role sales) or another admin (role admin)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sales",
            value = "{\"role\": \"sales\", \"expiresIn\": \"P30D\"}")))
    public Response userToken(@PathParam("userId") String userId, String body) {
        checkPath("userId", userId, USER_ID, "must be 1-128 letters, digits or . _ @ -");
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "role", "expiresIn");
        String roleName = fields.line("role", true, 16);
        Role role = roleName == null ? null : Role.fromWire(roleName).filter(r -> r != Role.PARTNER).orElse(null);
        if (roleName != null && role == null) {
            fields.error("role", "must be sales or admin (partner tokens are issued per partner)");
        }
        Duration ttl = ttl(fields);
        fields.throwIfInvalid();
        return issued(tokens.issue(role, userId, ttl));
    }

    @DELETE
    @Path("/tokens/{tokenId}")
    @Operation(summary = "Revoke a token (tombstone on feedback.tokens); it stops working on every instance")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        if (!TOKEN_ID.matcher(tokenId).matches() || !tokens.revoke(tokenId)) {
            throw ProblemException.notFound("No such token.");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a person: every stage deletes their data and partners are told")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "erasure",
            value = "{\"email\": \"anna.schmidt@example-gmbh.de\"}")))
    public Response erasure(String body) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "email");
        String raw = fields.line("email", true, 320);
        String email = raw == null ? null : EmailAddress.normalise(raw).orElse(null);
        if (raw != null && email == null) {
            fields.error("email", "must be an email address");
        }
        fields.throwIfInvalid();
        ErasureRequest request = new ErasureRequest(UUID.randomUUID().toString(), email, clock.instant(),
                new Actor("ADMIN", caller.get().subject()));
        writer.write(Topics.PRIVACY_ERASURE_REQUESTS, email, request, new RecordHeaders());
        return Response.accepted(Map.of("requestId", request.getRequestId(), "status", "SUBMITTED"))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Duration ttl(FieldReader fields) {
        Duration ttl = fields.duration("expiresIn", false, Duration.ofMinutes(1), MAX_TOKEN_TTL);
        return ttl != null ? ttl : config.auth().tokenDefaultTtl().orElse(null);
    }

    private static Response issued(ApiTokens.IssuedToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tokenId", token.tokenId());
        body.put("token", token.token());
        body.put("role", token.role().wireName());
        body.put("subject", token.subject());
        Instant expiresAt = token.expiresAt();
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        // Shown once: never cached anywhere on the way.
        return Response.status(201).entity(body).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private static void checkPath(String name, String value, Pattern pattern, String rule) {
        if (!pattern.matcher(value).matches()) {
            throw ProblemException.invalid(List.of(new FieldError(name, rule)));
        }
    }
}
