package io.leadrelay.feedback.auth;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.leadrelay.feedback.http.Problem;

/**
 * One bearer mechanism for all credentials: the local admin token, issued API tokens (looked up by hash)
 * and JWTs of the OIDC issuer (three dot-separated parts). Then the endpoint's {@link Allowed} role is
 * checked. Answers never say why a token was refused, and never contain it.
 */
public class BearerAuthFilter {

    private static final int MAX_TOKEN_LENGTH = 8192;

    private final AdminToken adminToken;
    private final ApiTokens apiTokens;
    private final JwtVerifier jwt;
    private final CurrentCaller current;

    BearerAuthFilter(AdminToken adminToken, ApiTokens apiTokens, JwtVerifier jwt, CurrentCaller current) {
        this.adminToken = adminToken;
        this.apiTokens = apiTokens;
        this.jwt = jwt;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Allowed allowed = allowed(resource);
        Optional<Caller> caller = credential(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(this::verify);
        if (caller.isEmpty()) {
            return Response.fromResponse(Problem.response(401, "unauthenticated", "Unauthenticated",
                    "A valid bearer token is required."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"leadrelay\"").build();
        }
        if (allowed == null || !caller.get().has(allowed.value())) {
            return Problem.response(403, "forbidden", "Forbidden", "This credential may not use this endpoint.");
        }
        current.set(caller.get());
        return null;
    }

    private Optional<Caller> verify(String token) {
        Optional<Caller> admin = adminToken.verify(token);
        if (admin.isPresent()) {
            return admin;
        }
        if (token.chars().filter(c -> c == '.').count() == 2) {
            return jwt.verify(token);
        }
        return apiTokens.verify(token);
    }

    private static Optional<String> credential(String header) {
        if (header == null || header.length() > MAX_TOKEN_LENGTH + 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static Allowed allowed(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Allowed onMethod = resource.getResourceMethod().getAnnotation(Allowed.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(Allowed.class);
    }
}
