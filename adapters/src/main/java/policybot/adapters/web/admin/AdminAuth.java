package policybot.adapters.web.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use the review console: holders of {@code POLICYBOT_ADMIN_TOKEN}, and/or the users of
 * the file named by {@code POLICYBOT_ADMIN_USERS} ({@code name:pbkdf2-sha256$...} a line). With
 * neither, the console is off and says how to turn it on.
 */
public final class AdminAuth {
    public static final String TOKEN_VARIABLE = "POLICYBOT_ADMIN_TOKEN";
    public static final String USERS_VARIABLE = "POLICYBOT_ADMIN_USERS";
    public static final int MIN_TOKEN_LENGTH = 16;
    /** How to turn the console on: shown on /admin while it is off, and logged at start. */
    public static final String HOW_TO_ENABLE = "The review console is off: it needs a way to sign in. Set "
            + TOKEN_VARIABLE + " to a long random secret (for example the output of: openssl rand -base64 32), or "
            + USERS_VARIABLE + " to a file of users, one 'name:hash' a line (make a hash with: "
            + "java -jar policybot.jar admin hash-password), then restart the server.";
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@'-]{0,63}");
    /** Checked against when the user is unknown, so that an unknown name costs as long as a wrong password. */
    private static final PasswordHash DECOY = PasswordHash.create("decoy-password".toCharArray(), PasswordHash.MIN_ITERATIONS);

    private final byte[] tokenDigest;
    private final Map<String, PasswordHash> users;

    private AdminAuth(String token, Map<String, PasswordHash> users) {
        this.tokenDigest = token == null ? null : sha256(token);
        this.users = Map.copyOf(users);
    }

    public static AdminAuth off() {
        return new AdminAuth(null, Map.of());
    }

    /**
     * @throws IllegalArgumentException when the token is shorter than {@link #MIN_TOKEN_LENGTH}
     */
    public static AdminAuth of(String token, Map<String, PasswordHash> users) {
        String t = token == null || token.isBlank() ? null : token.strip();
        if (t != null && t.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(TOKEN_VARIABLE + " is " + t.length() + " characters long; use at least "
                    + MIN_TOKEN_LENGTH + " random characters (for example: openssl rand -base64 32)");
        }
        return new AdminAuth(t, users);
    }

    /**
     * From {@code POLICYBOT_ADMIN_TOKEN} and {@code POLICYBOT_ADMIN_USERS}; neither set: off.
     *
     * @throws IllegalArgumentException for a short token or a users file that cannot be read or has a bad line
     */
    public static AdminAuth fromEnvironment(Map<String, String> env) {
        String file = env.get(USERS_VARIABLE);
        Map<String, PasswordHash> users = file == null || file.isBlank() ? Map.of() : users(Path.of(file.strip()));
        return of(env.get(TOKEN_VARIABLE), users);
    }

    /** Reads a users file: {@code name:pbkdf2-sha256$...} a line; blank lines and # comments are skipped. */
    public static Map<String, PasswordHash> users(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(USERS_VARIABLE + " names " + file + ", which does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(USERS_VARIABLE + " names " + file + ", which cannot be read: " + e.getMessage());
        }
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "users file " + file + ", line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(where + "expected name:hash");
            }
            String name = line.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + "the user name must be 1 to 64 letters, digits, spaces or ._@'-");
            }
            try {
                if (users.put(name.toLowerCase(Locale.ROOT), PasswordHash.parse(line.substring(colon + 1))) != null) {
                    throw new IllegalArgumentException("user '" + name + "' appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users file " + file + " has no users");
        }
        return users;
    }

    public boolean on() {
        return tokenDigest != null || !users.isEmpty();
    }

    boolean hasToken() {
        return tokenDigest != null;
    }

    boolean hasUsers() {
        return !users.isEmpty();
    }

    /**
     * Who signs in, if the secret is right: a user of the file with their password, or anyone with
     * the token (under the name they give, which the tickets' history records).
     */
    Optional<String> login(String name, String secret) {
        if (name == null || secret == null || secret.isEmpty() || secret.length() > 1000) {
            return Optional.empty();
        }
        String who = name.strip();
        if (!NAME.matcher(who).matches()) {
            return Optional.empty();
        }
        if (!users.isEmpty()) {
            PasswordHash hash = users.get(who.toLowerCase(Locale.ROOT));
            boolean right = (hash == null ? DECOY : hash).matches(secret.toCharArray()) && hash != null;
            if (right) {
                return Optional.of(who);
            }
        }
        if (tokenDigest != null && MessageDigest.isEqual(tokenDigest, sha256(secret))) {
            return Optional.of(who);
        }
        return Optional.empty();
    }

    /** Whether an Authorization header carries the admin token as a bearer token (for scripts fetching CSV). */
    boolean acceptsBearer(String authorization) {
        if (tokenDigest == null || authorization == null) {
            return false;
        }
        String h = authorization.strip();
        if (h.length() < 8 || !h.substring(0, 7).equalsIgnoreCase("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(h.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminAuth[" + (tokenDigest != null ? "token" : "") + (users.isEmpty() ? "" : " " + users.size() + " users")
                + (on() ? "" : "off") + "]";
    }
}
