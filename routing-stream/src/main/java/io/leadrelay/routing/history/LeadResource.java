package io.leadrelay.routing.history;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/v1/leads/{leadId}}: current state, owner, deadline, attempts and the full history. */
@Path("/api/v1/leads")
public class LeadResource {

    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    LeadQueries queries;

    @GET
    @Path("/{leadId}")
    @Produces({ MediaType.APPLICATION_JSON, PROBLEM_JSON })
    public Response lead(@PathParam("leadId") String leadId, @HeaderParam(LeadQueries.FORWARDED_HEADER) String forwarded) {
        if (leadId == null || leadId.isBlank() || leadId.length() > 200) {
            return problem(400, "Invalid lead id", "the lead id must be 1 to 200 characters", leadId);
        }
        LeadQueries.Answer answer = queries.find(leadId, "true".equals(forwarded));
        if (answer instanceof LeadQueries.Answer.Found f) {
            return Response.ok(f.view(), MediaType.APPLICATION_JSON).build();
        }
        if (answer instanceof LeadQueries.Answer.Remote r) {
            return Response.status(r.status()).type(r.contentType()).entity(r.body()).build();
        }
        if (answer instanceof LeadQueries.Answer.Unavailable u) {
            return Response.fromResponse(problem(503, "Lead state not available", u.why(), leadId))
                    .header("Retry-After", "2").build();
        }
        return problem(404, "Lead not found", "no lead with id " + leadId, leadId);
    }

    private static Response problem(int status, String title, String detail, String leadId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", "/api/v1/leads/" + leadId);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
