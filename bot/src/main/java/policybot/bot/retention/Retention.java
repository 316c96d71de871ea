package policybot.bot.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import policybot.bot.store.Database;

/**
 * Forgets what is no longer needed: closed tickets (with their history), review items and
 * feedback not seen for a while, and delivered outbox items. Open tickets, dead letters and the
 * exceptions register are kept whatever their age: someone still has to act on them, and the
 * policy keeps agreed exceptions on record.
 */
public final class Retention {
    /**
     * How long things are kept.
     *
     * @param closedTickets  a closed ticket, from when it was closed
     * @param reviewItems    a review item or feedback, from when it was last seen
     * @param deliveredItems a delivered outbox item, from when it was delivered
     */
    public record Policy(Duration closedTickets, Duration reviewItems, Duration deliveredItems) {
        public static final Policy DEFAULT = new Policy(Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(30));
    }

    /** What one purge removed. */
    public record Purged(int tickets, int reviewItems, int feedback, int outboxItems) {
    }

    private final Database db;
    private final Clock clock;

    public Retention(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Purged purge(Policy policy) {
        long now = clock.millis();
        long tickets = now - policy.closedTickets().toMillis();
        long review = now - policy.reviewItems().toMillis();
        long delivered = now - policy.deliveredItems().toMillis();
        return db.inTransaction(c -> {
            // the register outlives its tickets; it stops pointing at one that is gone
            update(c, "UPDATE exceptions_register SET ticket_id = NULL WHERE ticket_id IN "
                    + "(SELECT id FROM tickets WHERE state = 'closed' AND closed_at < ?)", tickets);
            update(c, "DELETE FROM ticket_events WHERE ticket_id IN "
                    + "(SELECT id FROM tickets WHERE state = 'closed' AND closed_at < ?)", tickets);
            int t = update(c, "DELETE FROM tickets WHERE state = 'closed' AND closed_at < ?", tickets);
            int f = update(c, "DELETE FROM feedback WHERE at < ?", review);
            int r = update(c, "DELETE FROM review_items WHERE last_seen < ?", review);
            int o = update(c, "DELETE FROM outbox WHERE status = 'delivered' AND delivered_at < ?", delivered);
            return new Purged(t, r, f, o);
        });
    }

    private static int update(Connection c, String sql, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, cutoff);
            return ps.executeUpdate();
        }
    }
}
