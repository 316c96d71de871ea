package policybot.bot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wordings marked as answered by a clause, per policy version: how the bot learns from its misses. */
public final class AlternateQuestions {
    private final Database db;
    private final Clock clock;

    public AlternateQuestions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void add(String clause, String wording, String policyVersion, String by) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alternate_questions "
                    + "(clause_id, wording, policy_version, added_at, added_by) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, clause);
                s.setString(2, wording);
                s.setString(3, policyVersion);
                s.setLong(4, clock.millis());
                s.setString(5, by);
                return s.executeUpdate();
            }
        });
    }

    /** Clause id -> its alternate wordings for a policy version, in the order they were added. */
    public Map<String, List<String>> forVersion(String policyVersion) {
        return db.read(c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT clause_id, wording FROM alternate_questions "
                    + "WHERE policy_version = ? ORDER BY id")) {
                s.setString(1, policyVersion);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** The newest row's id, 0 when there is none: a follower rebuilds its index when it grows. */
    public long latestId() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM alternate_questions");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }
}
