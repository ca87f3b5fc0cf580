package io.leadrelay.routing.stats.query;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /dashboard}: the page for people (static files under META-INF/resources/dashboard). */
@Path("/dashboard")
public class DashboardResource {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        InputStream html = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/resources/dashboard/index.html");
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
