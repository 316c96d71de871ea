package policybot.adapters.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing, version 0: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of
 * "v0:<timestamp>:<body>">} keyed with the app's signing secret, and {@code X-Slack-Request-Timestamp}
 * in epoch seconds. A request older (or newer) than five minutes is refused even if its
 * signature holds, so that a captured request cannot be sent again later; a {@link ReplayGuard}
 * refuses it within those five minutes.
 */
public final class SlackSignature {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final String VERSION = "v0";

    private final byte[] secret;
    private final Clock clock;

    public SlackSignature(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Why the request is refused, or empty if it is Slack's and fresh. Never says which byte differed. */
    public Optional<String> problem(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.of("no X-Slack-Request-Timestamp header");
        }
        if (signature == null || signature.isBlank()) {
            return Optional.of("no X-Slack-Signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("a malformed timestamp");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > MAX_AGE.toSeconds()) {
            long age = now - seconds;
            return Optional.of(age > 0 ? "a timestamp " + age + " s old (the limit is " + MAX_AGE.toSeconds() + " s)"
                    : "a timestamp " + -age + " s in the future (the limit is " + MAX_AGE.toSeconds() + " s)");
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of("a signature that does not match");
        }
        return Optional.empty();
    }

    /** {@code v0=<hex>} for a timestamp and body: what Slack sends, and what tests sign with. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
