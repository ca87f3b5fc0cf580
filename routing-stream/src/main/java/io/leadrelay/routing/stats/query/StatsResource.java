package io.leadrelay.routing.stats.query;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.stats.StatsConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code GET /api/v1/stats/{funnel,partners,sources,forecast,overdue}} with {@code from}, {@code to} (ISO dates,
 * inclusive), {@code channel}, {@code campaign}, {@code partner} and {@code granularity} (funnel series);
 * {@code GET /api/v1/stats/live} streams all views as server-sent events whenever a figure changes (the dashboard);
 * {@code GET /api/v1/stats/{view}/partial} is what instances ask each other for.
 */
@Path("/api/v1/stats")
public class StatsResource {

    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    StatsService stats;

    @Inject
    StatsConfig config;

    @Inject
    LiveSnapshots liveSnapshots;

    @GET
    @Path("/{view}")
    @Produces({ MediaType.APPLICATION_JSON, PROBLEM_JSON })
    public Response view(@PathParam("view") String view, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("campaign") String campaign,
            @QueryParam("partner") String partner, @QueryParam("granularity") String granularity) {
        StatsView v = view(view);
        if (v == null) {
            return problem(404, "No such view", "views: funnel, partners, sources, forecast, overdue", view, List.of());
        }
        StatsRequest.Parsed parsed = StatsRequest.parse(from, to, channel, campaign, partner, granularity);
        if (!parsed.errors().isEmpty()) {
            return problem(400, "Invalid query parameters", "see errors", view, parsed.errors());
        }
        StatsFanOut.Answer answer = stats.query(v, parsed.request());
        if (answer instanceof StatsFanOut.Answer.Complete c) {
            return Response.ok(c.body(), MediaType.APPLICATION_JSON).build();
        }
        return Response.fromResponse(problem(503, "Statistics not available right now",
                ((StatsFanOut.Answer.Unavailable) answer).why(), view, List.of())).header("Retry-After", "2").build();
    }

    @GET
    @Path("/{view}/partial")
    @Produces({ MediaType.APPLICATION_JSON, PROBLEM_JSON })
    public Response partial(@PathParam("view") String view, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("channel") String channel,
            @QueryParam("campaign") String campaign, @QueryParam("partner") String partner,
            @QueryParam("granularity") String granularity) {
        StatsView v = view(view);
        StatsRequest.Parsed parsed = StatsRequest.parse(from, to, channel, campaign, partner, granularity);
        if (v == null || !parsed.errors().isEmpty()) {
            return problem(400, "Invalid partial query", "unknown view or invalid parameters", view, parsed.errors());
        }
        return Response.ok(Json.write(stats.local(v, parsed.request())), MediaType.APPLICATION_JSON).build();
    }

    /**
     * Every view (funnel with a daily series) as one JSON object, sent at once and then whenever it changes; checked
     * every {@code leadrelay.stats.live-interval}.
     */
    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("campaign") String campaign,
            @QueryParam("partner") String partner) {
        StatsRequest.Parsed parsed = StatsRequest.parse(from, to, channel, campaign, partner, "day");
        if (!parsed.errors().isEmpty()) {
            return Multi.createFrom().item(Json.write(Map.of("errors", parsed.errors())));
        }
        AtomicReference<String> last = new AtomicReference<>();
        Duration every = config.liveInterval();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> liveSnapshots.get(parsed.request(), () -> snapshot(parsed.request())))
                .filter(json -> json != null && !json.equals(last.getAndSet(json)));
    }

    /** All views as JSON, or null when one of them is not available right now (the page keeps what it shows). */
    private String snapshot(StatsRequest request) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (StatsView v : StatsView.values()) {
            StatsFanOut.Answer a = stats.query(v, v == StatsView.FUNNEL ? request
                    : new StatsRequest(request.from(), request.to(), request.channel(), request.campaign(),
                            request.partner(), null));
            if (!(a instanceof StatsFanOut.Answer.Complete c)) {
                return null;
            }
            all.put(v.path(), c.body());
        }
        return Json.write(all);
    }

    private static StatsView view(String name) {
        for (StatsView v : StatsView.values()) {
            if (v.path().equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }

    private static Response problem(int status, String title, String detail, String view,
            List<StatsRequest.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", "/api/v1/stats/" + view);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
