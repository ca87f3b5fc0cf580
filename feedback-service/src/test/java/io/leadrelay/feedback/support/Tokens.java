package io.leadrelay.feedback.support;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Credentials for tests: the admin token, issued API tokens, and JWTs of the test issuer. */
public final class Tokens {

    public static final String ADMIN = "test-admin-token-not-for-production";
    public static final String ISSUER = "https://issuer.test.leadrelay";

    private Tokens() {
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Issues a partner API token through the admin API. */
    public static String partner(String partnerId) {
        return given().header("Authorization", bearer(ADMIN)).contentType("application/json").body("{}")
                .post("/api/v1/admin/partners/" + partnerId + "/tokens")
                .then().statusCode(201).extract().path("token");
    }

    public static String sales(String userId) {
        return given().header("Authorization", bearer(ADMIN)).contentType("application/json")
                .body("{\"role\": \"sales\"}")
                .post("/api/v1/admin/users/" + userId + "/tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** A JWT of the configured test issuer, signed with its private key. */
    public static String jwt(String subject, List<String> roles, String partnerId, Instant expires, String issuer) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(subject);
            claims.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));
            claims.setIssuedAtToNow();
            claims.setStringListClaim("groups", roles);
            if (partnerId != null) {
                claims.setStringClaim("partner_id", partnerId);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(Path.of("src/test/resources/test-issuer-private.pem"));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
