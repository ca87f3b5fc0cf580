package io.leadrelay.ingest.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.webhook.Secrets;

class SecretsTest {

    @Test
    void metaSignatureIsHmacSha256OfTheRawBody() {
        byte[] body = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);
        // printf '{"object":"page"}' | openssl dgst -sha256 -hmac secret
        String expected = "sha256=c1456f83e15385a03562cbe2eaaa918ec5e06b4f170f909283a2781c7924e4d1";
        assertThat(Secrets.validHmacSha256("secret", body, expected)).isTrue();
        assertThat(Secrets.validHmacSha256("secret", body, expected.toUpperCase().replace("SHA256", "sha256"))).isTrue();
        assertThat(Secrets.validHmacSha256("other", body, expected)).isFalse();
        assertThat(Secrets.validHmacSha256("secret", body, "sha256=zz")).isFalse();
        assertThat(Secrets.validHmacSha256(null, body, expected)).isFalse();
        assertThat(Secrets.sameSecret("k", "k")).isTrue();
        assertThat(Secrets.sameSecret(null, "k")).isFalse();
    }
}
