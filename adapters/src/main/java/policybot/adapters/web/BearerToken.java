package policybot.adapters.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A shared secret that callers send as {@code Authorization: Bearer <token>}. Compared through
 * digests of equal length with {@link MessageDigest#isEqual}, so the time taken says nothing about
 * how much of a guess was right, nor about the token's length.
 */
final class BearerToken {
    private final byte[] digest;

    BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token cannot be empty");
        }
        this.digest = sha256(token);
    }

    /** Whether an Authorization header carries this token. */
    boolean accepts(String authorization) {
        String presented = presented(authorization);
        // Always compare, even with nothing presented, so both paths cost the same.
        return MessageDigest.isEqual(digest, sha256(presented == null ? "" : presented)) && presented != null;
    }

    /** The token in an Authorization header, or null when there is no bearer token in it. */
    static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        String h = authorization.strip();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
