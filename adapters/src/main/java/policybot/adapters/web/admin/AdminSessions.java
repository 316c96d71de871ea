package policybot.adapters.web.admin;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed-in sessions of the review console, in memory: a restart signs everyone out, and behind
 * a load balancer the console needs sticky sessions (or one instance). Each session has its own
 * CSRF token, which every form of the console carries.
 */
final class AdminSessions {
    static final Duration LIFETIME = Duration.ofHours(8);
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String id, String user, String csrf, Instant expires) {
        @Override
        public String toString() {
            return "Session[" + user + "]";
        }
    }

    private final Clock clock;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    AdminSessions(Clock clock) {
        this.clock = clock;
    }

    synchronized Session open(String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        Session s = new Session(random(), user, random(), clock.instant().plus(LIFETIME));
        sessions.put(s.id(), s);
        return s;
    }

    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    synchronized void close(String id) {
        sessions.remove(id);
    }

    /** 256 random bits, URL-safe. */
    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Compares two tokens in time independent of where they differ. */
    static boolean same(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
