package policybot.adapters.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook call is signed, so that the receiver (an IT service desk) can tell it came from
 * PolicyBot and was not replayed: {@code X-PolicyBot-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" with the shared secret>}, the timestamp (epoch seconds) in
 * {@code X-PolicyBot-Timestamp}.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-PolicyBot-Signature";
    public static final String TIMESTAMP_HEADER = "X-PolicyBot-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("sha256=");
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Checks a signature in constant time (what a receiver does). */
    public static boolean verify(byte[] secret, long timestamp, String body, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
