package policybot.bot.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import policybot.bot.store.Database;
import policybot.bot.store.Rows;

/**
 * The outbox table: deliveries are written here in the transaction of the change that causes
 * them (so a committed ticket always has its post to the team), and an {@link OutboxWorker}
 * delivers them. Also what operators see: items by status, dead letters, retry.
 */
public final class Outbox {
    static final String COLUMNS = "id, destination, idempotency_key, payload, status, attempts, next_attempt_at, "
            + "lease_until, last_error, created_at, delivered_at";

    private final Database db;
    private final Clock clock;

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Writes a delivery in the caller's transaction. A second item with the same idempotency key
     * is not written (the first stands), so a retried change does not deliver twice.
     *
     * @return true if it was written, false if an item with that key was already there
     */
    public boolean enqueue(Connection c, String destination, String idempotencyKey, String payload) throws SQLException {
        if (destination == null || destination.isBlank() || idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an outbox item needs a destination and an idempotency key");
        }
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (destination, idempotency_key, payload, status, "
                + "attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?) "
                + "ON CONFLICT (idempotency_key) DO NOTHING")) {
            ps.setString(1, destination);
            ps.setString(2, idempotencyKey);
            ps.setString(3, payload);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.setLong(6, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Writes a delivery in a transaction of its own, with a fresh idempotency key; returns that key. */
    public String enqueue(String destination, String payload) {
        String key = UUID.randomUUID().toString();
        db.inTransaction(c -> enqueue(c, destination, key, payload));
        return key;
    }

    public Optional<OutboxItem> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(item(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Items in a status, oldest first (at most limit). */
    public List<OutboxItem> list(OutboxStatus status, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE status = ? ORDER BY id LIMIT ?")) {
                ps.setString(1, status.wire());
                ps.setInt(2, limit);
                return items(ps);
            }
        });
    }

    /** Items for one destination whose key starts with a prefix, oldest first (what a ticket caused). */
    public List<OutboxItem> byKeyPrefix(String prefix) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE idempotency_key LIKE ? ESCAPE '\\' ORDER BY id")) {
                ps.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
                return items(ps);
            }
        });
    }

    public Map<OutboxStatus, Integer> counts() {
        return db.read(c -> {
            Map<OutboxStatus, Integer> counts = new EnumMap<>(OutboxStatus.class);
            for (OutboxStatus s : OutboxStatus.values()) {
                counts.put(s, 0);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(OutboxStatus.of(rs.getString(1)), rs.getInt(2));
                }
            }
            return counts;
        });
    }

    /** Puts a dead letter back in line with a fresh count of attempts; false if it was not dead. */
    public boolean retry(long id) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'pending', attempts = 0, "
                    + "next_attempt_at = ?, lease_until = NULL, claimed_by = NULL, updated_at = ? "
                    + "WHERE id = ? AND status = 'dead'")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    static List<OutboxItem> items(PreparedStatement ps) throws SQLException {
        List<OutboxItem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(item(rs));
            }
        }
        return out;
    }

    static OutboxItem item(ResultSet rs) throws SQLException {
        return new OutboxItem(rs.getLong("id"), rs.getString("destination"), rs.getString("idempotency_key"),
                rs.getString("payload"), OutboxStatus.of(rs.getString("status")), rs.getInt("attempts"),
                Rows.instant(rs, "next_attempt_at"), Rows.instant(rs, "lease_until"), rs.getString("last_error"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "delivered_at"));
    }
}
