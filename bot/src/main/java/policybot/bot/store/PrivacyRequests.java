package policybot.bot.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data subject's requests: everything the store holds about a person (tickets they raised,
 * changes they made, exception requests), and its erasure. Review items and feedback hold no
 * user id (questions are redacted and grouped), so they have nothing to export or erase.
 */
public final class PrivacyRequests {
    /** What stands in for an erased person or text. */
    public static final String ERASED = "[erased]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public PrivacyRequests(Database db) {
        this.db = db;
    }

    /** A JSON document of the person's rows, table by table. */
    public String export(String user) {
        return db.read(c -> {
            ObjectNode out = JSON.createObjectNode();
            out.put("user", user);
            out.set("tickets", rows(c, "SELECT * FROM tickets WHERE requester = ? ORDER BY id", user));
            out.set("ticket_changes_made", rows(c, "SELECT * FROM ticket_events WHERE actor = ? ORDER BY id", user));
            out.set("exception_requests", rows(c, "SELECT * FROM exceptions_register WHERE requester = ? ORDER BY id", user));
            return out.toPrettyString();
        });
    }

    /**
     * Removes the person and what they wrote, in one transaction: tickets they raised keep their
     * team, state and dates (the service's own record) but lose the requester, the question, the
     * exception details and the conversation link; their name goes from ticket histories and the
     * exceptions register; delivered or dead outbox items about those tickets are deleted.
     *
     * @return rows changed, by table
     */
    public Map<String, Integer> erase(String user) {
        return db.inTransaction(c -> {
            Map<String, Integer> changed = new LinkedHashMap<>();
            changed.put("outbox", deleteOutboxItemsOf(c, user));
            changed.put("tickets", update(c, "UPDATE tickets SET requester = ?, question = ?, answer_text = NULL, "
                    + "conversation_link = NULL, ai_use = NULL, data_involved = NULL, justification = NULL, duration = NULL, "
                    + "reply = NULL WHERE requester = ?", ERASED, ERASED, user));
            changed.put("ticket_events", update(c, "UPDATE ticket_events SET actor = ?, note = NULL WHERE actor = ?",
                    ERASED, user));
            changed.put("exceptions_register", update(c, "UPDATE exceptions_register SET requester = ?, "
                    + "data_involved = NULL, justification = NULL WHERE requester = ?", ERASED, user));
            return changed;
        });
    }

    /**
     * Delivered and dead outbox items whose payload names exactly this requester. The user id is
     * data, never a pattern: each payload's requester is compared whole, so erasing "U1" (or "%")
     * touches no one else's items, dead letters waiting for an operator least of all. A full scan,
     * for a request made a few times a year on a table that retention keeps short.
     */
    private static int deleteOutboxItemsOf(Connection c, String user) throws SQLException {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, payload FROM outbox WHERE status IN ('delivered', 'dead')");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (names(r.getString(2), user)) {
                    ids.add(r.getLong(1));
                }
            }
        }
        int deleted = 0;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
            for (long id : ids) {
                s.setLong(1, id);
                deleted += s.executeUpdate();
            }
        }
        return deleted;
    }

    /** Whether a ticket payload's requester (at the top, or in its ticket) is this user. */
    private static boolean names(String payload, String user) {
        try {
            var root = JSON.readTree(payload);
            return user.equals(root.path("requester").asText(null)) || user.equals(root.path("ticket").path("requester")
                    .asText(null));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    private static ArrayNode rows(Connection c, String sql, String user) throws SQLException {
        ArrayNode rows = JSON.createArrayNode();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, user);
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    ObjectNode row = rows.addObject();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        Object v = r.getObject(i);
                        String name = m.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                        if (v == null) {
                            row.putNull(name);
                        } else if (v instanceof Number n) {
                            row.put(name, n.longValue());
                        } else {
                            row.put(name, v.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }
}
