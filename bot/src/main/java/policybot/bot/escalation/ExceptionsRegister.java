package policybot.bot.escalation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import policybot.bot.store.Database;
import policybot.bot.store.Rows;

/** The register of decided exception requests, and which agreed ones are due for review. */
public final class ExceptionsRegister {
    static final String COLUMNS = "id, ticket_id, requester, ai_use, data_involved, justification, duration, outcome, "
            + "conditions, decided_by, decided_at, review_on, expires_on, last_reviewed_at";

    private final Database db;
    private final Clock clock;

    public ExceptionsRegister(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every entry, oldest first. */
    public List<RegisteredException> list() {
        return query("SELECT " + COLUMNS + " FROM exceptions_register ORDER BY id", null);
    }

    public Optional<RegisteredException> find(long id) {
        return query("SELECT " + COLUMNS + " FROM exceptions_register WHERE id = ?", id).stream().findFirst();
    }

    /** Agreed exceptions whose review date is on or before the given day, soonest first. */
    public List<RegisteredException> dueForReview(LocalDate day) {
        return query("SELECT " + COLUMNS + " FROM exceptions_register WHERE outcome = 'agreed' AND review_on <= ? "
                + "ORDER BY review_on, id", day.toString());
    }

    /** Records a review of an agreed exception and sets its next review date. */
    public void reviewed(long id, LocalDate nextReviewOn) {
        boolean found = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE exceptions_register SET last_reviewed_at = ?, "
                    + "review_on = ? WHERE id = ? AND outcome = 'agreed'")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, nextReviewOn.toString());
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
        if (!found) {
            throw new IllegalArgumentException("no agreed exception has register number " + id);
        }
    }

    private List<RegisteredException> query(String sql, Object param) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (param != null) {
                    ps.setObject(1, param);
                }
                List<RegisteredException> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
                return out;
            }
        });
    }

    private static RegisteredException entry(ResultSet rs) throws SQLException {
        long ticket = rs.getLong("ticket_id");
        Long ticketId = rs.wasNull() ? null : ticket;
        return new RegisteredException(rs.getLong("id"), ticketId, rs.getString("requester"),
                new ExceptionRequest(rs.getString("ai_use"), rs.getString("data_involved"), rs.getString("justification"),
                        rs.getString("duration")),
                rs.getString("outcome"), rs.getString("conditions"), rs.getString("decided_by"),
                Rows.instant(rs, "decided_at"), date(rs.getString("review_on")), date(rs.getString("expires_on")),
                Rows.instant(rs, "last_reviewed_at"));
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
