package policybot.bot.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.VerbatimCheck;

/** The policy versions installed into the store, newest last. */
public final class PolicyVersions {
    /** One installed version: its row id orders installs, the document is kept whole. */
    public record Stored(long id, String version, String sha256, String document) {
    }

    private final Database db;
    private final Clock clock;

    public PolicyVersions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Checks the document (it must parse into the policy's structure, every clause verbatim) and
     * records it as the newest version. A refused document changes nothing.
     */
    public Stored install(String document, String by) {
        PolicyDocument policy = VerbatimCheck.parseChecked(document);
        String sha = sha256(document);
        long id = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_versions "
                    + "(version, sha256, document, installed_at, installed_by) VALUES (?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                s.setString(1, policy.version());
                s.setString(2, sha);
                s.setString(3, document);
                s.setLong(4, clock.millis());
                s.setString(5, by);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new Stored(id, policy.version(), sha, document);
    }

    public Optional<Stored> latest() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, version, sha256, document FROM policy_versions ORDER BY id DESC LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)))
                        : Optional.empty();
            }
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
