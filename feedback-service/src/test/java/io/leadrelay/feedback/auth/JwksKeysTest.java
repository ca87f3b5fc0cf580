package io.leadrelay.feedback.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.testsupport.MutableClock;
import io.leadrelay.feedback.support.TestIssuer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Keys of an OIDC issuer found through discovery or a JWKS URL, against a WireMock issuer and a clock moved by hand:
 * selection by kid, rotation, the refetch rate limit, outages, and the choice of key source.
 */
class JwksKeysTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final PublicJsonWebKey K1 = TestIssuer.rsaKey("k1");
    private static final PublicJsonWebKey K2 = TestIssuer.ecKey("k2");
    private static WireMockServer server;

    private TestIssuer issuer;
    private MutableClock clock;
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void issuer() {
        server.resetAll();
        issuer = new TestIssuer("http://127.0.0.1:" + server.port() + "/realms/test");
        clock = new MutableClock(START);
        Logger.getLogger(IssuerKeys.class.getName()).addHandler(capture);
    }

    @AfterEach
    void detach() {
        Logger.getLogger(IssuerKeys.class.getName()).removeHandler(capture);
    }

    private static FeedbackConfig.Jwt config(Map<String, String> jwt) {
        Map<String, String> properties = new HashMap<>();
        properties.put("leadrelay.registry.url", "http://127.0.0.1:1/apis/registry/v3");
        jwt.forEach((key, value) -> properties.put("leadrelay.auth.jwt." + key, value));
        return new SmallRyeConfigBuilder().withMapping(FeedbackConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(FeedbackConfig.class).auth().jwt();
    }

    private JwtVerifier discovering() {
        return new JwtVerifier(config(Map.of("issuer", issuer.issuer())), clock);
    }

    private String partnerToken(PublicJsonWebKey key) {
        return issuer.token(key, "user-1", List.of("partner"), "p-muc-01", clock.instant().plusSeconds(300));
    }

    private int keySetFetches() {
        return issuer.requestsFor(issuer.jwksPath());
    }

    @Test
    void discoveredKeyVerifiesATokenWithPartnerIdAndRolesFromItsClaims() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();

        Caller caller = verifier.verify(partnerToken(K1)).orElseThrow();
        assertThat(caller.partnerId()).isEqualTo("p-muc-01");
        assertThat(caller.has(Role.PARTNER)).isTrue();
        Caller seller = verifier.verify(issuer.token(K1, "seller", List.of("sales"), null, clock.instant().plusSeconds(60)))
                .orElseThrow();
        assertThat(seller.has(Role.SALES)).isTrue();
        assertThat(seller.partnerId()).isNull();

        // One discovery and one key set fetch serve every token while the cache lives.
        assertThat(issuer.requestsFor(issuer.discoveryPath())).isEqualTo(1);
        assertThat(keySetFetches()).isEqualTo(1);
    }

    @Test
    void configuredJwksUrlIsReadWithoutDiscovery() {
        issuer.serve(K1);
        JwtVerifier verifier = new JwtVerifier(config(Map.of("issuer", issuer.issuer(),
                "jwks-url", "http://127.0.0.1:" + server.port() + issuer.jwksPath())), clock);

        assertThat(verifier.verify(partnerToken(K1))).isPresent();
        assertThat(issuer.requestsFor(issuer.discoveryPath())).isZero();
        assertThat(keySetFetches()).isEqualTo(1);
    }

    @Test
    void rotatedKeyIsFetchedWhenATokenNamesItButNotSoonerThanTheMinimumInterval() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();

        issuer.serve(K1, K2);
        clock.advance(Duration.ofSeconds(10));
        // Within PT30S of the last fetch: the unknown kid is refused without asking the issuer again.
        assertThat(verifier.verify(partnerToken(K2))).isEmpty();
        assertThat(verifier.verify(partnerToken(K2))).isEmpty();
        assertThat(keySetFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        assertThat(verifier.verify(partnerToken(K2))).isPresent();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();
        assertThat(keySetFetches()).isEqualTo(2);
        assertThat(issuer.requestsFor(issuer.discoveryPath())).isEqualTo(1);
    }

    @Test
    void madeUpKeyIdsCostAtMostOneFetchPerMinimumInterval() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();

        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 20; i++) {
            assertThat(verifier.verify(partnerToken(TestIssuer.ecKey("garbage-" + i)))).isEmpty();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(keySetFetches()).isEqualTo(2);
        assertThat(verifier.verify(partnerToken(K1))).isPresent();
    }

    @Test
    void issuerDownRefusesTheTokenAndLogsTheFailureOnceWithoutIt() {
        server.stubFor(get(urlPathEqualTo(issuer.discoveryPath())).willReturn(serverError()));
        JwtVerifier verifier = discovering();

        String token = partnerToken(K1);
        assertThat(verifier.verify(token)).isEmpty();
        assertThat(verifier.verify(token)).isEmpty();
        assertThat(issuer.requestsFor(issuer.discoveryPath())).isEqualTo(1);
        assertThat(warnings).hasSize(1);
        LogRecord warning = warnings.get(0);
        assertThat(warning.getMessage() + Arrays.toString(warning.getParameters())).doesNotContain(token)
                .contains(issuer.discoveryPath());

        // Back up: the next attempt after the minimum interval succeeds.
        server.resetAll();
        issuer.serve(K1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(token)).isPresent();
    }

    @Test
    void keySetThatCannotBeReadAgainKeepsTheKeysFetchedBefore() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();

        server.stubFor(get(urlPathEqualTo(issuer.jwksPath())).willReturn(serverError()));
        clock.advance(Duration.ofMinutes(11));
        assertThat(verifier.verify(partnerToken(K1))).isPresent();
        assertThat(verifier.verify(partnerToken(K2))).isEmpty();
        assertThat(keySetFetches()).isEqualTo(2);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void expiredCacheIsFetchedAgainAndAKeyTheIssuerDroppedStopsWorking() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();

        issuer.serve(K2);
        clock.advance(Duration.ofMinutes(9));
        assertThat(verifier.verify(partnerToken(K1))).isPresent();
        assertThat(keySetFetches()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(partnerToken(K1))).isEmpty();
        assertThat(verifier.verify(partnerToken(K2))).isPresent();
        assertThat(keySetFetches()).isEqualTo(2);
    }

    @Test
    void wrongIssuerExpiredSymmetricAndForgedTokensAreRefused() {
        issuer.serve(K1);
        JwtVerifier verifier = discovering();
        assertThat(verifier.verify(partnerToken(K1))).isPresent();

        Instant later = clock.instant().plusSeconds(300);
        assertThat(verifier.verify(TestIssuer.token(K1, "https://evil.example", "user-1", List.of("partner"), "p-muc-01",
                later))).isEmpty();
        assertThat(verifier.verify(issuer.token(K1, "user-1", List.of("partner"), "p-muc-01",
                clock.instant().minusSeconds(60)))).isEmpty();
        assertThat(verifier.verify(issuer.hs256("k1", "user-1", List.of("partner"), "p-muc-01", later))).isEmpty();
        // Another key claiming the issuer's kid.
        assertThat(verifier.verify(partnerToken(TestIssuer.rsaKey("k1")))).isEmpty();
        assertThat(verifier.verify(issuer.token(K1, "user-1", List.of("partner"), null, later))).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(issuer.hs256("k-unknown", "user-1", List.of("partner"), "p-muc-01",
                clock.instant().plusSeconds(60)))).isEmpty();
        assertThat(keySetFetches()).as("a symmetric token costs no fetch").isEqualTo(1);
    }

    @Test
    void discoveryDocumentOfAnotherIssuerIsNotTrusted() {
        TestIssuer impostor = new TestIssuer("http://127.0.0.1:" + server.port() + "/realms/other");
        impostor.serve(K1);
        server.stubFor(get(urlPathEqualTo(issuer.discoveryPath())).willReturn(
                okJson("{\"issuer\": \"" + impostor.issuer()
                        + "\", \"jwks_uri\": \"" + impostor.issuer() + TestIssuer.JWKS_PATH + "\"}")));

        assertThat(discovering().verify(partnerToken(K1))).isEmpty();
        assertThat(issuer.requestsFor(impostor.jwksPath())).isZero();
        assertThat(warnings).hasSize(1);
    }

    @Test
    void keySourceFollowsOneRule() {
        String publicKey = Base64.getEncoder().encodeToString(K1.getPublicKey().getEncoded());
        String jwksUrl = "http://127.0.0.1:" + server.port() + issuer.jwksPath();
        issuer.serve(K1);

        // A static public key alone is used as before; discovery stays off.
        JwtVerifier fixed = new JwtVerifier(config(Map.of("issuer", issuer.issuer(), "public-key", publicKey)), clock);
        assertThat(fixed.verify(partnerToken(K1))).isPresent();
        // Discovery switched off and no other source: every JWT is refused, nothing is fetched.
        JwtVerifier none = new JwtVerifier(config(Map.of("issuer", issuer.issuer(), "discovery", "false")), clock);
        assertThat(none.verify(partnerToken(K1))).isEmpty();
        assertThat(new JwtVerifier(config(Map.of()), clock).verify(partnerToken(K1))).isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();

        assertThatThrownBy(() -> new JwtVerifier(config(Map.of("public-key", publicKey, "jwks-url", jwksUrl)), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one source of keys");
        assertThatThrownBy(() -> new JwtVerifier(config(Map.of("issuer", issuer.issuer(), "public-key", publicKey,
                "discovery", "true")), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtVerifier(config(Map.of("discovery", "true")), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs leadrelay.auth.jwt.issuer");
        assertThatThrownBy(() -> new JwtVerifier(config(Map.of("jwks-url", "file:///etc/passwd")), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    }
}
