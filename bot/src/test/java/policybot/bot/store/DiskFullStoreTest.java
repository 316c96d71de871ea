package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Escalations;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.routing.RoutingTable;

/**
 * The SQLite store full, for real: SQLite's own size limit ({@code max_page_count}, a pragma
 * sqlite-jdbc takes in the URL) makes a write fail with SQLITE_FULL, "database or disk is full",
 * exactly as a full disk does (a small filesystem cannot be mounted here or in CI). The store says
 * so in words an operator can act on, keeps everything it acknowledged, and once there is room again
 * (the limit lifted) the file passes SQLite's integrity check and takes tickets again.
 */
class DiskFullStoreTest {
    @TempDir
    Path dir;

    static final RoutingTable ROUTING = RoutingTable.bundled();

    static Escalations open(String url) {
        return Escalations.open(new StoreConfig(url, null, null), ROUTING,
                Escalations.Settings.routedBy(ROUTING, 0.65, TicketSettings.DEFAULT), Clock.systemUTC());
    }

    static long pragma(Database db, String pragma) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA " + pragma)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** A request long enough that a few fill a page or two. */
    static Escalation request(int n) {
        return new Escalation("u-" + n, "cli", null, "Request " + n + ": " + "may I use a transcription tool on the "
                + "recordings of my research interviews? ".repeat(40), "information-governance", null, null, "1.2", null);
    }

    @Test
    void aFullStoreSaysSoKeepsWhatItAcknowledgedAndIsIntactOnceThereIsRoom() throws Exception {
        Path file = Files.createDirectory(dir.resolve("data")).resolve("policybot.db");
        Escalations first = open("jdbc:sqlite:" + file);
        Ticket before = first.tickets().open(request(0));
        long pages = pragma(first.database(), "page_count");

        // the same file, with room for only a few more pages
        Escalations limited = open("jdbc:sqlite:" + file + "?max_page_count=" + (pages + 4));
        assertEquals(pages + 4, pragma(limited.database(), "max_page_count"), "the limit applies to the store's connections");
        List<Ticket> acknowledged = new ArrayList<>(List.of(before));
        StoreException full = null;
        for (int n = 1; n < 500 && full == null; n++) {
            try {
                acknowledged.add(limited.tickets().open(request(n)));
            } catch (StoreException e) {
                full = e;
            }
        }
        assertTrue(full != null, "the store never filled up");
        assertTrue(acknowledged.size() > 1, "some tickets fitted before it was full: " + acknowledged.size());
        assertTrue(full.getMessage().startsWith("the store (SQLite " + file + ") is full: the disk has no space left, or "
                + "the database has reached its size limit; nothing of this change was written"), full.getMessage());
        assertTrue(full.getMessage().contains("SQLITE_FULL") && full.getMessage().contains("database or disk is full"),
                full.getMessage());
        // full stays full, and says so each time; reads still work
        StoreException again = assertThrows(StoreException.class, () -> limited.tickets().open(request(1000)));
        assertTrue(again.getMessage().contains(") is full: "), again.getMessage());
        assertEquals(acknowledged.size(), limited.tickets().list(null, null).size());

        // room again: the limit lifted (as freeing the disk would)
        Escalations roomy = open("jdbc:sqlite:" + file);
        assertEquals("ok", roomy.database().read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        }));
        List<Ticket> kept = roomy.tickets().list(null, null);
        assertEquals(acknowledged.stream().map(Ticket::reference).sorted().toList(),
                kept.stream().map(Ticket::reference).sorted().toList(), "every ticket acknowledged is there, and no other");
        for (Ticket t : acknowledged) {
            assertEquals(t.question(), roomy.tickets().get(t.id()).question(), t.reference() + " unchanged");
        }
        Ticket next = roomy.tickets().open(request(2000));
        assertEquals("T-" + (acknowledged.size() + 1), next.reference(), "the failed attempts left nothing behind");
    }

    /** PostgreSQL's own word for it (SQLSTATE 53100, disk_full) is read the same way; other failures are not "full". */
    @Test
    void postgresqlsDiskFullIsRecognisedAndOtherFailuresAreNot() {
        assertTrue(Database.full(new java.sql.SQLException("could not extend file: No space left on device", "53100")));
        assertTrue(Database.full(new java.sql.SQLException("batch failed", "XX000",
                new java.sql.SQLException("could not extend file", "53100"))));
        assertFalse(Database.full(new java.sql.SQLException("read-only transaction", "25006")));
        assertFalse(Database.full(new org.sqlite.SQLiteException("locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY)));
    }
}
