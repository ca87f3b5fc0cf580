package io.leadrelay.feedback.partner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.feedback.http.Problem;
import io.leadrelay.feedback.http.ProblemException;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Carries out partner actions: checks them against the partner's inbox, writes them for routing, and
 * waits a bounded time for routing's answer so the partner learns the outcome, not a "maybe".
 */
@ApplicationScoped
public class PartnerDesk {

    public static final String REQUESTS_PATH = "/api/v1/partner/requests/";

    private final PartnerLeads leads;
    private final RecordWriter writer;
    private final PartnerMetrics metrics;
    private final Clock clock;
    private final Duration answerTimeout;

    PartnerDesk(PartnerLeads leads, RecordWriter writer, PartnerMetrics metrics, Clock clock, FeedbackConfig config) {
        this.leads = leads;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        this.answerTimeout = config.actions().answerTimeout();
    }

    public CompletionStage<Response> act(String partnerId, String leadId, PartnerAction action, String body) {
        ActionPolicy.Verdict verdict = ActionPolicy.check(leads.inbox().entry(partnerId, leadId), action, clock.instant());
        if (verdict instanceof ActionPolicy.NotFound) {
            metrics.action(partnerId, action, "not_found");
            throw ProblemException.notFound("No such lead in your inbox.");
        }
        if (verdict instanceof ActionPolicy.NotNow notNow) {
            metrics.action(partnerId, action, "conflict");
            throw conflict(action, notNow.state().name(), notNow.reason(), null);
        }
        String requestId = UUID.randomUUID().toString();
        SpecificRecord record = switch (action) {
            case ACCEPT -> PartnerRequests.accept(body, requestId, leadId, partnerId, clock.instant());
            case RETURN -> PartnerRequests.returned(body, requestId, leadId, partnerId, clock.instant());
            case PROGRESS -> PartnerRequests.progress(body, requestId, leadId, partnerId, clock.instant());
            case CLOSE -> PartnerRequests.close(body, requestId, leadId, partnerId, clock.instant());
        };
        CompletableFuture<AssignmentEvent> answer = leads.answers().expect(requestId, partnerId, leadId, action);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.PARTNER_ID_HEADER, partnerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CompletableFuture<Void> written = record instanceof PartnerReturn returned
                ? writer.send(Topics.LEADS_RETURNS, leadId, returned, headers)
                : writer.send(Topics.LEADS_FEEDBACK, leadId, (LeadFeedback) record, headers);
        return written
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        leads.answers().abandon(requestId);
                    }
                })
                .thenCompose(ok -> answer.orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .handle((event, error) -> {
                    if (error == null) {
                        return answered(partnerId, leadId, action, requestId, event);
                    }
                    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        leads.answers().stopWaiting(requestId);
                        metrics.action(partnerId, action, "pending");
                        return pending(requestId, leadId, action);
                    }
                    metrics.action(partnerId, action, "unavailable");
                    return ProblemException.unavailable().response();
                });
    }

    private Response answered(String partnerId, String leadId, PartnerAction action, String requestId,
            AssignmentEvent event) {
        if (event.getType() == AssignmentEventType.ACTION_REJECTED) {
            metrics.action(partnerId, action, "rejected");
            return conflict(action, event.getState().name(), event.getReason(), requestId).response();
        }
        metrics.action(partnerId, action, "done");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("outcome", event.getType().name());
        body.put("lead", leads.inbox().entry(partnerId, leadId).map(InboxItem::of).orElse(null));
        body.put("state", event.getState().name());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response pending(String requestId, String leadId, PartnerAction action) {
        URI status = URI.create(REQUESTS_PATH + requestId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("leadId", leadId);
        body.put("action", action.wireName());
        body.put("status", "PENDING");
        body.put("statusUrl", status.toString());
        // A relative Location: the answer may be built off the request thread, where no base URI is known.
        return Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE).header("Location", status.toString()).build();
    }

    private static ProblemException conflict(PartnerAction action, String state, String reason, String requestId) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("state", state);
        extra.put("reason", reason);
        if (requestId != null) {
            extra.put("requestId", requestId);
        }
        return new ProblemException(Problem.response(409, "conflict", "Not allowed now",
                "The lead is " + state + " for you; " + action.wireName() + " is not possible now.", null, extra));
    }

    /** A request's status for the partner that made it; other partners get 404. */
    public Map<String, Object> status(String partnerId, String requestId) {
        ActionAnswers.RequestStatus status = leads.answers().status(requestId)
                .filter(s -> partnerId.equals(s.partnerId()))
                .orElseThrow(() -> ProblemException.notFound("No such request."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("leadId", status.leadId());
        if (status.action() != null) {
            body.put("action", status.action().wireName());
        }
        ActionAnswers.Answer answer = status.answer();
        if (answer == null) {
            body.put("status", "PENDING");
        } else {
            body.put("status", answer.type() == AssignmentEventType.ACTION_REJECTED ? "REJECTED" : "DONE");
            body.put("outcome", answer.type().name());
            body.put("state", answer.state().name());
            if (answer.reason() != null) {
                body.put("reason", answer.reason());
            }
        }
        return body;
    }
}
