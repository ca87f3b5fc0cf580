package io.leadrelay.feedback.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details; the body of every error this service answers. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://leadrelay.io/problems/";

    private Problem() {
    }

    public static Response response(int status, String slug, String title, String detail, List<FieldError> errors,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        if (extra != null) {
            body.putAll(extra);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(status, slug, title, detail, null, null);
    }
}
