package io.leadrelay.feedback.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code X-Leadrelay-Signature} value: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes. */
public final class WebhookSignature {

    public static final String HEADER = "X-Leadrelay-Signature";
    public static final String DELIVERY_HEADER = "X-Leadrelay-Delivery";
    public static final String EVENT_HEADER = "X-Leadrelay-Event";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
