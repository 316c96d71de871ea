package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Escalations;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.routing.RoutingTable;

/**
 * A store that can be read but not written is refused when it is opened, with a message that
 * says what to fix, and is left exactly as it was: the SQLite file read-only, its directory not
 * writable (SQLite's journal lives beside it), a PostgreSQL database in read-only mode.
 */
class ReadOnlyStoreTest {
    @TempDir
    Path dir;

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " unchanged"));
    }

    /** A store with one ticket in it, closed. */
    private Path storeWithATicket(Path data) {
        RoutingTable routing = RoutingTable.bundled();
        Escalations store = Escalations.open(StoreConfig.sqlite(data.resolve("policybot.db")), routing,
                Escalations.Settings.routedBy(routing, 0.65, TicketSettings.DEFAULT), Clock.systemUTC());
        store.tickets().open(new Escalation("u-jo", "cli", null, "May I use Copilot on a confidential report?",
                "information-governance", null, null, "1.2", null));
        return data.resolve("policybot.db");
    }

    private static void assertIntactWithOneTicket(Path file) throws Exception {
        Database db = Database.open(StoreConfig.sqlite(file));
        assertEquals("ok", db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        }));
        assertEquals(1L, (long) db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM tickets")) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    @Test
    void aDirectoryThatIsNotWritableIsRefusedAndNothingIsCreated() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        try (ReadOnly ro = ReadOnly.make(data)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> Database.open(StoreConfig.sqlite(data.resolve("policybot.db"))));
            assertEquals("the store's directory " + data.toAbsolutePath() + " is not writable: SQLite keeps its journal "
                    + "(policybot.db-wal, -shm) beside the file, so the server must be able to create files there (or set "
                    + "POLICYBOT_DB_URL to a writable place); nothing was changed", e.getMessage());
        }
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void aReadOnlyStoreFileIsRefusedAndLeftExactlyAsItWas() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path file = storeWithATicket(data);
        Map<String, byte[]> before = contents(data);
        try (ReadOnly ro = ReadOnly.make(file)) {
            StoreException e = assertThrows(StoreException.class, () -> Database.open(StoreConfig.sqlite(file)));
            assertTrue(e.getMessage().startsWith("the store's file " + file.toAbsolutePath() + " is read-only: the server "
                    + "must be able to write it"), e.getMessage());
            assertTrue(e.getMessage().endsWith("nothing was changed"), e.getMessage());
        }
        assertSame(before, contents(data));
        assertIntactWithOneTicket(file);
    }

    @Test
    void aWritableFileInADirectoryThatIsNotIsRefusedToo() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path file = storeWithATicket(data);
        Map<String, byte[]> before = contents(data);
        try (ReadOnly ro = ReadOnly.make(data)) {
            StoreException e = assertThrows(StoreException.class, () -> Database.open(StoreConfig.sqlite(file)));
            assertTrue(e.getMessage().startsWith("the store's directory " + data.toAbsolutePath() + " is not writable"),
                    e.getMessage());
        }
        assertSame(before, contents(data));
        assertIntactWithOneTicket(file);
    }

    @Test
    void aPostgresqlDatabaseInReadOnlyModeIsRefusedWhenOpened() throws Exception {
        StoreConfig config = TestStore.POSTGRESQL.config(dir);
        Database.open(config);
        String name = config.url().replaceAll("\\?.*", "").replaceAll(".*/", "");
        try (Connection c = TestStore.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(config));
        assertTrue(e.getMessage().startsWith("the store (PostgreSQL ") && e.getMessage().contains(
                "can be read but not written: ") && e.getMessage().contains("read-only transaction"), e.getMessage());
        assertTrue(!e.getMessage().contains("postgres:postgres"), "no credentials");
    }
}
