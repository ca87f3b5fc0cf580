package io.leadrelay.feedback.partner;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadrelay.feedback.auth.Allowed;
import io.leadrelay.feedback.auth.CurrentCaller;
import io.leadrelay.feedback.auth.Role;
import io.leadrelay.feedback.http.FieldError;
import io.leadrelay.feedback.http.FieldReader;
import io.leadrelay.feedback.http.JsonInput;
import io.leadrelay.feedback.http.ProblemException;
import io.leadrelay.feedback.webhook.WebhookRegistry;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.PartnerWebhook;
import io.smallrye.common.annotation.Blocking;

/** The partner API: the calling partner's inbox and its actions. The partner id comes from the credential only. */
@Path("/api/v1/partner")
@Allowed(Role.PARTNER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "partner", description = "Partner inbox and actions")
@SecurityRequirement(name = "bearer")
public class PartnerResource {

    private static final Pattern WEBHOOK_URL = Pattern.compile("https?://[^\\s/?#@]+(:\\d{1,5})?(/[^\\s]*)?");

    private final CurrentCaller caller;
    private final PartnerLeads leads;
    private final PartnerDesk desk;
    private final PartnerMetrics metrics;
    private final WebhookRegistry webhooks;

    PartnerResource(CurrentCaller caller, PartnerLeads leads, PartnerDesk desk, PartnerMetrics metrics,
            WebhookRegistry webhooks) {
        this.caller = caller;
        this.leads = leads;
        this.desk = desk;
        this.metrics = metrics;
        this.webhooks = webhooks;
    }

    @GET
    @Path("/leads")
    @Operation(summary = "Open offers, assignments and accepted leads of the calling partner, oldest first")
    public List<InboxItem> inbox(@QueryParam("state") List<String> states) {
        String partnerId = caller.partnerId();
        metrics.inboxRead(partnerId);
        return leads.inbox().open(partnerId, stateFilter(states)).stream().map(InboxItem::of).toList();
    }

    @GET
    @Path("/leads/{leadId}")
    @Operation(summary = "One lead of the calling partner; 404 when it is not offered or assigned to it")
    public InboxItem lead(@PathParam("leadId") String leadId) {
        return leads.inbox().entry(caller.partnerId(), leadId).filter(InboxEntry::visible).map(InboxItem::of)
                .orElseThrow(() -> ProblemException.notFound("No such lead in your inbox."));
    }

    @POST
    @Path("/leads/{leadId}/accept")
    @Blocking
    @Operation(summary = "Accept an offer or assignment; 200 when it took effect, 409 when another partner was first "
            + "or the deadline passed, 202 with a status link when routing did not answer in time")
    @APIResponse(responseCode = "200", description = "Accepted; the lead's new state")
    @APIResponse(responseCode = "202", description = "Not answered yet; poll the Location")
    @APIResponse(responseCode = "409", description = "Not allowed now; the problem carries state and reason")
    public CompletionStage<Response> accept(@PathParam("leadId") String leadId, String body) {
        return desk.act(caller.partnerId(), leadId, PartnerAction.ACCEPT, body);
    }

    @POST
    @Path("/leads/{leadId}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Return a lead with a reason code (comment required for OTHER)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "return",
            value = "{\"reason\": \"PROJECT_MISMATCH\", \"comment\": \"We do not sell this line\"}")))
    public CompletionStage<Response> returnLead(@PathParam("leadId") String leadId, String body) {
        return desk.act(caller.partnerId(), leadId, PartnerAction.RETURN, body);
    }

    @POST
    @Path("/leads/{leadId}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Report progress on an accepted lead")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "progress",
            value = "{\"note\": \"Demo done\", \"expectedCloseDate\": \"2027-03-31\", \"value\": 98000}")))
    public CompletionStage<Response> progress(@PathParam("leadId") String leadId, String body) {
        return desk.act(caller.partnerId(), leadId, PartnerAction.PROGRESS, body);
    }

    @POST
    @Path("/leads/{leadId}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Close an accepted lead as WON or LOST (lostReason required for LOST)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "won", value = "{\"outcome\": \"WON\", \"value\": 98000, \"currency\": \"EUR\", \"note\": \"Signed\"}"),
            @ExampleObject(name = "lost", value = "{\"outcome\": \"LOST\", \"lostReason\": \"PRICE\", \"note\": \"Went with a competitor\"}") }))
    public CompletionStage<Response> close(@PathParam("leadId") String leadId, String body) {
        return desk.act(caller.partnerId(), leadId, PartnerAction.CLOSE, body);
    }

    @GET
    @Path("/requests/{requestId}")
    @Operation(summary = "Status of an action that was answered 202: PENDING, DONE or REJECTED")
    public Map<String, Object> request(@PathParam("requestId") String requestId) {
        return desk.status(caller.partnerId(), requestId);
    }

    @PUT
    @Path("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register the partner system's webhook; offers, assignments, withdrawals and erasures are "
            + "POSTed there, signed with X-Leadrelay-Signature: sha256=HMAC-SHA256(secret, body)")
    @APIResponse(responseCode = "422", description = "Invalid; also a URL that is not http(s), carries credentials, "
            + "does not resolve, or resolves to a loopback, private, link-local, multicast or wildcard address")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "webhook",
            value = "{\"url\": \"https://crm.partner.example/leadrelay\", \"secret\": \"a-long-random-shared-secret\"}")))
    public Map<String, Object> registerWebhook(String body) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "url", "secret");
        String url = fields.matching("url", true, WEBHOOK_URL, "must be an absolute http(s) URL without credentials");
        if (url != null) {
            webhooks.targetRefusal(url).ifPresent(why -> fields.error("url", why));
        }
        String secret = fields.line("secret", true, 256);
        if (secret != null && secret.length() < 16) {
            fields.error("secret", "must be at least 16 characters");
        }
        fields.throwIfInvalid();
        PartnerWebhook webhook = webhooks.register(caller.partnerId(), url, secret);
        return Map.of("url", webhook.getUrl(), "updatedAt", webhook.getUpdatedAt().toString());
    }

    @GET
    @Path("/webhook")
    @Operation(summary = "The registered webhook URL (never the secret)")
    public Map<String, Object> webhook() {
        PartnerWebhook webhook = webhooks.of(caller.partnerId())
                .orElseThrow(() -> ProblemException.notFound("No webhook registered."));
        return Map.of("url", webhook.getUrl(), "updatedAt", webhook.getUpdatedAt().toString());
    }

    @DELETE
    @Path("/webhook")
    @Operation(summary = "Stop pushing to the partner system")
    public Response removeWebhook() {
        if (!webhooks.remove(caller.partnerId())) {
            throw ProblemException.notFound("No webhook registered.");
        }
        return Response.noContent().build();
    }

    private static Set<LeadState> stateFilter(List<String> values) {
        Set<LeadState> states = EnumSet.noneOf(LeadState.class);
        for (String value : values) {
            for (String part : value.split(",")) {
                LeadState state = PartnerInbox.OPEN_STATES.stream().filter(s -> s.name().equals(part.strip()))
                        .findFirst().orElse(null);
                if (state == null) {
                    throw ProblemException.invalid(List.of(new FieldError("state", "must be OFFERED, ASSIGNED or ACCEPTED")));
                }
                states.add(state);
            }
        }
        return states;
    }
}
