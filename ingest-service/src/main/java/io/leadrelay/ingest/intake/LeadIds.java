package io.leadrelay.ingest.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Lead ids. A submission with an idempotency key (or an ad platform's own lead id) gets a name-based UUID
 * (RFC 9562 version 5, SHA-1) of its source and key, so every instance, before or after a restart, derives the
 * same id for a repeat; other submissions get a random id.
 */
public final class LeadIds {

    /** Fixed namespace of Leadrelay lead ids; changing it would give every repeat a new id. */
    private static final UUID NAMESPACE = UUID.fromString("6f1c7d3e-4b1a-5d2e-9a57-1e2f0c3b8a90");

    private LeadIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    public static String deterministic(String source, String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer namespace = ByteBuffer.allocate(16)
                    .putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(namespace.array());
            // The separator keeps ("ab", "c") and ("a", "bc") apart.
            sha1.update((source + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }
}
