package io.leadrelay.feedback.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OIDC issuer stub on 127.0.0.1 that the service is pointed at through discovery instead of the static test key.
 * Tests find it from {@code leadrelay.auth.jwt.issuer} and script it with {@link TestIssuer}.
 */
public class IssuerStubResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return Map.of(
                "leadrelay.auth.jwt.issuer", "http://127.0.0.1:" + server.port() + "/realms/leadrelay",
                // An empty value unsets the test profile's static key, so discovery is on by default.
                "leadrelay.auth.jwt.public-key", "",
                // Short, so that the test sees a rotation without waiting the default PT30S.
                "leadrelay.auth.jwt.jwks-refresh-min-interval", "PT1S");
    }

    @Override
    public void stop() {
        server.stop();
    }
}
