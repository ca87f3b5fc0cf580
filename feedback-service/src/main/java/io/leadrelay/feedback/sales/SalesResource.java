package io.leadrelay.feedback.sales;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.feedback.auth.Allowed;
import io.leadrelay.feedback.auth.CurrentCaller;
import io.leadrelay.feedback.auth.Role;
import io.leadrelay.feedback.http.FieldError;
import io.leadrelay.feedback.http.ProblemException;
import io.leadrelay.feedback.kafka.RecordWriter;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.catalog.Topics;

/** The inside-sales API: the queue of leads waiting for a person, and decisions on them. */
@Path("/api/v1/sales")
@Allowed(Role.SALES)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales", description = "Inside-sales queue and decisions")
@SecurityRequirement(name = "bearer")
public class SalesResource {

    private final CurrentCaller caller;
    private final SalesLeads leads;
    private final RecordWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    SalesResource(CurrentCaller caller, SalesLeads leads, RecordWriter writer, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.leads = leads;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/queue")
    @Operation(summary = "MQLs waiting for a person and SALES_REVIEW leads, oldest first, each with why it is here")
    public List<QueueItem> queue(@QueryParam("state") List<String> states,
            @QueryParam("limit") @DefaultValue("200") String limit) {
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 1000) {
            throw ProblemException.invalid(List.of(new FieldError("limit", "must be a whole number from 1 to 1000")));
        }
        return leads.queue().waiting(stateFilter(states), max).stream().map(l -> QueueItem.of(l, json)).toList();
    }

    @POST
    @Path("/leads/{leadId}/qualify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Qualify: optionally choose the channel or pin a partner")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pin",
            value = "{\"channel\": \"PARTNER\", \"partnerId\": \"p-muc-01\", \"note\": \"Knows the customer\"}")))
    public Response qualify(@PathParam("leadId") String leadId, String body) {
        waiting(leadId);
        return submit(SalesDecisions.qualify(body, UUID.randomUUID().toString(), leadId, caller.get().subject(),
                clock.instant()));
    }

    @POST
    @Path("/leads/{leadId}/nurture")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the lead back to marketing nurturing")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "nurture",
            value = "{\"reason\": \"Budget next year\"}")))
    public Response nurture(@PathParam("leadId") String leadId, String body) {
        waiting(leadId);
        return submit(SalesDecisions.nurture(body, UUID.randomUUID().toString(), leadId, caller.get().subject(),
                clock.instant()));
    }

    @POST
    @Path("/leads/{leadId}/disqualify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disqualify the lead")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "disqualify",
            value = "{\"reason\": \"Student project\"}")))
    public Response disqualify(@PathParam("leadId") String leadId, String body) {
        waiting(leadId);
        return submit(SalesDecisions.disqualify(body, UUID.randomUUID().toString(), leadId, caller.get().subject(),
                clock.instant()));
    }

    /** Decisions are for leads in the queue: unknown is 404, known but not waiting is 409 with its state. */
    private void waiting(String leadId) {
        LeadState state = leads.queue().state(leadId)
                .orElseThrow(() -> ProblemException.notFound("No such lead."));
        if (!SalesQueue.WAITING.contains(state)) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("state", state.name());
            throw ProblemException.conflict("The lead is " + state + ", not waiting for sales.", extra);
        }
    }

    private Response submit(LeadFeedback decision) {
        writer.write(Topics.LEADS_FEEDBACK, decision.getLeadId(), decision, new RecordHeaders());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", decision.getRequestId());
        body.put("leadId", decision.getLeadId());
        body.put("decision", decision.getType().name());
        body.put("status", "SUBMITTED");
        return Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Set<LeadState> stateFilter(List<String> values) {
        Set<LeadState> states = EnumSet.noneOf(LeadState.class);
        for (String value : values) {
            for (String part : value.split(",")) {
                LeadState state = SalesQueue.WAITING.stream().filter(s -> s.name().equals(part.strip())).findFirst()
                        .orElseThrow(() -> ProblemException.invalid(
                                List.of(new FieldError("state", "must be MQL or SALES_REVIEW"))));
                states.add(state);
            }
        }
        return states;
    }
}
