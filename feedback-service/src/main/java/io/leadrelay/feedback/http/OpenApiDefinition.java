package io.leadrelay.feedback.http;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** OpenAPI metadata: every endpoint takes a bearer token (issued API token, OIDC JWT, or the local admin token). */
@OpenAPIDefinition(
        info = @Info(title = "Leadrelay feedback-service", version = "1",
                description = "Partner inbox and actions, inside-sales decisions, administration. Errors are "
                        + "application/problem+json (RFC 9457). A partner only ever sees leads offered or assigned to it."),
        security = @SecurityRequirement(name = "bearer"))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An API token issued by an admin (lrt_…), a JWT of the configured OIDC issuer "
                        + "(roles in the `groups` claim, partner id in `partner_id`), or the local admin token."),
        @SecurityScheme(securitySchemeName = "oidc", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT", description = "JWT of the configured OIDC issuer.")
})
public class OpenApiDefinition extends Application {
}
