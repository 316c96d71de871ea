package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
    static final Set<String> TABLES = Set.of("tickets", "ticket_events", "review_items", "feedback", "outbox",
            "exceptions_register");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void migratesTheOneSchemaOnBothKinds(TestStore kind) {
        StoreConfig config = kind.config(dir);
        Database db = Database.open(config);
        assertEquals(kind.name(), db.kind().name());
        Set<String> tables = db.read(c -> {
            Set<String> names = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            return names;
        });
        assertTrue(tables.containsAll(TABLES), "tables: " + tables);
        assertEquals(List.of("1"), versions(db));

        // opening it again (a restart) finds it up to date and keeps what was written
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO outbox (destination, idempotency_key, "
                + "payload, status, next_attempt_at, created_at, updated_at) VALUES ('d:x', 'k', '{}', 'pending', 0, 0, 0)"));
        Database again = Database.open(config);
        assertEquals(List.of("1"), versions(again));
        assertEquals(1, Sql.count(again, "SELECT COUNT(*) FROM outbox"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void rollsBackAFailedTransaction(TestStore kind) {
        Database db = kind.open(dir);
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO outbox (destination, idempotency_key, payload, status, "
                    + "next_attempt_at, created_at, updated_at) VALUES ('d:x', 'k', '{}', 'pending', 0, 0, 0)");
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM outbox"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void checksStatesInTheSchema(TestStore kind) {
        Database db = kind.open(dir);
        assertThrows(StoreException.class, () -> db.inTransaction(c -> c.createStatement().executeUpdate(
                "INSERT INTO outbox (destination, idempotency_key, payload, status, next_attempt_at, created_at, "
                        + "updated_at) VALUES ('d:x', 'k', '{}', 'lost', 0, 0, 0)")));
    }

    @Test
    void sqliteCreatesItsDirectoryAndRunsInWalModeWithABusyTimeout() throws Exception {
        Path file = dir.resolve("nested/deeper/policybot.db");
        Database db = Database.open(StoreConfig.sqlite(file));
        assertTrue(Files.isRegularFile(file));
        assertEquals("wal", pragma(db, "journal_mode"));
        assertEquals(Integer.toString(Database.SQLITE_BUSY_TIMEOUT_MS), pragma(db, "busy_timeout"));
        assertEquals("1", pragma(db, "foreign_keys"));
        assertEquals("2", pragma(db, "synchronous")); // FULL
    }

    @Test
    void configurationComesFromTheEnvironment() {
        assertEquals("jdbc:sqlite:" + Path.of("data", "policybot.db"), StoreConfig.fromEnvironment(Map.of()).url());
        StoreConfig pg = StoreConfig.fromEnvironment(Map.of("POLICYBOT_DB_URL", "jdbc:postgresql://db:5432/policybot",
                "POLICYBOT_DB_USER", "bot", "POLICYBOT_DB_PASSWORD", "s3cret"));
        assertEquals(Database.Kind.POSTGRESQL, pg.kind());
        assertEquals("bot", pg.user());
        assertEquals("s3cret", pg.password());
        assertTrue(!pg.toString().contains("s3cret"), pg.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.fromEnvironment(Map.of("POLICYBOT_DB_URL", "jdbc:mysql://u:pw@db/x")));
        assertTrue(e.getMessage().contains("POLICYBOT_DB_URL") && !e.getMessage().contains("pw"), e.getMessage());
    }

    private static List<String> versions(Database db) {
        return db.read(c -> {
            List<String> v = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    v.add(rs.getString(1));
                }
            }
            return v;
        });
    }

    private static String pragma(Database db, String name) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
