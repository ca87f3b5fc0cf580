package io.leadrelay.ingest.meta;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.ingest.api.LeadReception;
import io.leadrelay.ingest.api.MediaTypes;
import io.leadrelay.ingest.config.IngestConfig;
import io.leadrelay.ingest.formats.Bodies;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.ingest.intake.BrokerUnavailableException;
import io.leadrelay.ingest.intake.LeadIds;
import io.leadrelay.ingest.problem.ProblemException;
import io.leadrelay.ingest.webhook.Secrets;
import io.smallrye.common.annotation.Blocking;

/** Meta Lead Ads: the subscription handshake, and signed leadgen notifications whose leads are fetched from the Graph API. */
@Path("/webhooks/meta")
@Tag(name = "webhooks")
public class MetaWebhook {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_\\-]{1,200}");
    private static final Pattern LEADGEN_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");

    /** One leadgen id's outcome in the answer. */
    public record LeadOutcome(String leadgenId, String leadId, MetaLeads.Outcome outcome) {
    }

    public record Delivery(List<LeadOutcome> leads) {
    }

    private final MetaLeads leads;
    private final LeadReception reception;
    private final IngestConfig config;

    public MetaWebhook(MetaLeads leads, LeadReception reception, IngestConfig config) {
        this.leads = leads;
        this.reception = reception;
        this.config = config;
    }

    @GET
    @Operation(summary = "Meta webhook subscription: echoes hub.challenge when hub.verify_token matches")
    @APIResponse(responseCode = "200", description = "The challenge, as text/plain")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        if (!"subscribe".equals(mode) || !Secrets.sameSecret(config.meta().verifyToken().orElse(null), token)
                || challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            throw ProblemException.forbidden("subscription not verified");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Blocking
    @Operation(summary = "Meta leadgen notifications, signed with X-Hub-Signature-256",
            description = "Each leadgen change is fetched from the Graph API (with retries) and stored; one that cannot be "
                    + "fetched is parked on webhooks.meta.dlq and retried later. 200 once every lead is stored or parked.")
    @APIResponse(responseCode = "200", description = "Every lead stored or parked")
    @APIResponse(responseCode = "403", description = "Signature missing or wrong")
    @APIResponse(responseCode = "503", description = "Kafka unavailable; Meta redelivers")
    public CompletionStage<Response> receive(@HeaderParam("Content-Type") String contentType,
            @HeaderParam(SIGNATURE_HEADER) String signature, InputStream body) {
        List<JsonNode> changes = new ArrayList<>();
        try {
            Bodies.requireType(MediaTypes.parse(contentType), MediaType.APPLICATION_JSON_TYPE);
            byte[] bytes = Bodies.read(body, config.limits().maxBodyBytes());
            if (!Secrets.validHmacSha256(config.meta().appSecret().orElse(null), bytes, signature)) {
                throw ProblemException.forbidden("X-Hub-Signature-256 does not match the body");
            }
            JsonNode payload = JsonSubmissions.parse(bytes);
            for (JsonNode entry : payload.path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    if (!"leadgen".equals(change.path("field").asText())) {
                        continue;
                    }
                    JsonNode id = change.path("value").path("leadgen_id");
                    String leadgenId = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
                    if (!LEADGEN_ID.matcher(leadgenId).matches()) {
                        throw ProblemException.malformed("a leadgen change has no valid leadgen_id");
                    }
                    changes.add(change);
                }
            }
        } catch (ProblemException e) {
            reception.refused(MetaLeads.SOURCE);
            throw e;
        }
        // Caught up once, here on the request thread: the later leads' turns run on I/O threads, which must not wait.
        if (!changes.isEmpty()) {
            try {
                reception.intake().prepareForKeys();
            } catch (BrokerUnavailableException e) {
                return CompletableFuture.completedFuture(reception.failure(e));
            }
        }
        // One lead after the other, as before; the request thread is free while the Graph API and Kafka answer.
        List<LeadOutcome> outcomes = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (JsonNode change : changes) {
            String leadgenId = change.path("value").path("leadgen_id").asText();
            chain = chain.thenCompose(previous -> leads.take(leadgenId, bytes(change.path("value")), 0,
                    config.meta().fetchAttempts(), false))
                    .thenAccept(outcome -> outcomes.add(
                            new LeadOutcome(leadgenId, LeadIds.deterministic(MetaLeads.SOURCE, leadgenId), outcome)));
        }
        // On a failure Meta redelivers; leads already stored keep their ids and are not written twice.
        return chain.handle((done, error) -> error != null ? reception.failure(error)
                : Response.ok(new Delivery(outcomes), MediaType.APPLICATION_JSON).build());
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JsonSubmissions.STRICT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw ProblemException.malformed("a leadgen change cannot be kept");
        }
    }
}
