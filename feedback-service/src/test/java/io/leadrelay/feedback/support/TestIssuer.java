package io.leadrelay.feedback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import com.github.tomakehurst.wiremock.client.WireMock;

/** An OIDC issuer played by a WireMock stub: discovery document, key set, and tokens signed with its keys. */
public final class TestIssuer {

    public static final String JWKS_PATH = "/protocol/openid-connect/certs";

    private final String issuer;
    private final WireMock stub;

    /** The issuer's URL is a path on the stub, as Keycloak's realms are. */
    public TestIssuer(String issuer) {
        this.issuer = issuer;
        URI uri = URI.create(issuer);
        this.stub = new WireMock(uri.getHost(), uri.getPort());
    }

    public String issuer() {
        return issuer;
    }

    public String discoveryPath() {
        return URI.create(issuer).getPath() + "/.well-known/openid-configuration";
    }

    public String jwksPath() {
        return URI.create(issuer).getPath() + JWKS_PATH;
    }

    public WireMock stub() {
        return stub;
    }

    /** Serves the discovery document and a key set with the public halves of these keys. */
    public void serve(PublicJsonWebKey... keys) {
        stub.register(get(urlPathEqualTo(discoveryPath())).willReturn(okJson("{\"issuer\": \"" + issuer
                + "\", \"jwks_uri\": \"" + issuer + JWKS_PATH + "\", \"id_token_signing_alg_values_supported\": [\"RS256\"]}")));
        stub.register(get(urlPathEqualTo(jwksPath())).willReturn(okJson(
                new JsonWebKeySet(List.of(keys)).toJson(OutputControlLevel.PUBLIC_ONLY))));
    }

    /** Discovery document and key set answer 503 from now on. */
    public void down() {
        stub.register(get(urlPathEqualTo(discoveryPath())).willReturn(serviceUnavailable()));
        stub.register(get(urlPathEqualTo(jwksPath())).willReturn(serviceUnavailable()));
    }

    public int requestsFor(String path) {
        return stub.find(WireMock.getRequestedFor(urlPathEqualTo(path))).size();
    }

    public static PublicJsonWebKey rsaKey(String kid) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicJsonWebKey ecKey(String kid) {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token(PublicJsonWebKey key, String subject, List<String> roles, String partnerId, Instant expires) {
        return token(key, issuer, subject, roles, partnerId, expires);
    }

    /** Signed with the key's private half, naming its kid; RS256 for RSA keys, ES256 for P-256 keys. */
    public static String token(PublicJsonWebKey key, String issuer, String subject, List<String> roles, String partnerId,
            Instant expires) {
        JsonWebSignature jws = jws(issuer, subject, roles, partnerId, expires);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue("EC".equals(key.getKeyType()) ? AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256
                : AlgorithmIdentifiers.RSA_USING_SHA256);
        return serialize(jws);
    }

    /** A token MACed with a shared secret (HS256) that names a kid of the issuer. */
    public String hs256(String kid, String subject, List<String> roles, String partnerId, Instant expires) {
        JsonWebSignature jws = jws(issuer, subject, roles, partnerId, expires);
        jws.setKey(new HmacKey("a-shared-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    private static JsonWebSignature jws(String issuer, String subject, List<String> roles, String partnerId,
            Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));
        claims.setStringListClaim("groups", roles);
        if (partnerId != null) {
            claims.setStringClaim("partner_id", partnerId);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        return jws;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
