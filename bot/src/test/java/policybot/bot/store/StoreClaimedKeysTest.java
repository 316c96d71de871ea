package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keys taken once on the store, on SQLite and on PostgreSQL, by one instance and by several at once. */
class StoreClaimedKeysTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aKeyIsTakenOnceUntilItExpires(TestStore kind) {
        Database db = kind.open(dir);
        ClaimedKeys events = new StoreClaimedKeys(db, "slack.event", Duration.ofHours(1), clock);
        assertFalse(events.has("Ev1"));
        assertTrue(events.take("Ev1"));
        assertFalse(events.take("Ev1"), "taken");
        assertTrue(events.has("Ev1"));
        assertTrue(new StoreClaimedKeys(db, "slack.thread", Duration.ofHours(1), clock).take("Ev1"),
                "another set's key of the same name is another key");

        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertFalse(events.take("Ev1"), "still within the hour");
        assertTrue(events.has("Ev1"));
        clock.advance(Duration.ofMillis(1));
        assertFalse(events.has("Ev1"), "expired");
        assertTrue(events.take("Ev1"), "an expired key is free again");
        assertFalse(events.take("Ev1"));
        assertEquals(2, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys"));
        assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys WHERE claim_key = ? AND expires_at = ?",
                "slack.event:Ev1", clock.millis() + Duration.ofHours(1).toMillis()));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void keysOfferedTogetherAreTakenAllOrNone(TestStore kind) {
        Database db = kind.open(dir);
        ClaimedKeys keys = new StoreClaimedKeys(db, "slack.event", Duration.ofHours(1), clock);
        // a mention comes as app_mention and as message: two event ids, one message
        assertTrue(keys.take("event:Ev1", "message:C1:1.0001"));
        assertFalse(keys.take("event:Ev2", "message:C1:1.0001"));
        assertFalse(keys.has("event:Ev2"), "nothing of a refused offer is kept");
        assertTrue(keys.take("event:Ev2", null), "null keys are skipped");
        assertTrue(keys.take(), "nothing offered, nothing refused");
        assertTrue(keys.take((String) null));

        keys.release("event:Ev1", "message:C1:1.0001", null);
        assertFalse(keys.has("event:Ev1"));
        assertTrue(keys.take("event:Ev1", "message:C1:1.0001"), "given back, taken again");
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void expiredKeysArePurgedByWhoeverTakesKeys(TestStore kind) {
        Database db = kind.open(dir);
        StoreClaimedKeys shortLived = new StoreClaimedKeys(db, "slack.signature", Duration.ofMinutes(10), clock);
        StoreClaimedKeys longLived = new StoreClaimedKeys(db, "slack.thread", Duration.ofDays(7), clock);
        assertTrue(shortLived.take("v0=aa"));
        assertTrue(shortLived.take("v0=bb"));
        assertTrue(longLived.take("C1:1.0001"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(2, shortLived.purge(), "both signatures, not the thread");
        assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys"));
        assertTrue(longLived.has("C1:1.0001"));

        assertTrue(shortLived.take("v0=cc"));
        clock.advance(Duration.ofMinutes(10));
        assertFalse(shortLived.has("v0=cc"), "expired");
        assertEquals(2, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys"), "not purged until someone takes a key");
        assertTrue(longLived.take("C2:1.0002"), "this take purges first");
        assertEquals(List.of("slack.thread:C1:1.0001", "slack.thread:C2:1.0002"), db.read(c -> {
            List<String> rows = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT claim_key FROM claimed_keys ORDER BY claim_key")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }));
        assertThrows(IllegalArgumentException.class, () -> new StoreClaimedKeys(db, "x", Duration.ZERO, clock));
    }

    /**
     * Two instances (each its own Database, as two processes have) offer the same keys at the same
     * moment, round after round, some in the opposite order: each round exactly one takes them,
     * and none fails (no deadlock, no duplicate-key error).
     */
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void twoInstancesOfferingOneKeyAtOnceGiveItToOne(TestStore kind) throws Exception {
        StoreConfig config = kind.config(dir);
        int threadsPerInstance = 3;
        List<ClaimedKeys> instances = List.of(
                new StoreClaimedKeys(Database.open(config), "slack.event", Duration.ofHours(1), clock),
                new StoreClaimedKeys(Database.open(config), "slack.event", Duration.ofHours(1), clock));
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerInstance);
        try {
            int rounds = 25;
            for (int round = 0; round < rounds; round++) {
                String event = "event:Ev" + round;
                String message = "message:C1:" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> offers = new ArrayList<>();
                for (int i = 0; i < 2 * threadsPerInstance; i++) {
                    ClaimedKeys keys = instances.get(i % 2);
                    boolean reversed = i % 3 == 0;
                    offers.add(pool.submit(() -> {
                        go.await();
                        return reversed ? keys.take(message, event) : keys.take(event, message);
                    }));
                }
                go.countDown();
                int took = 0;
                for (Future<Boolean> f : offers) {
                    if (f.get(30, TimeUnit.SECONDS)) {
                        took++;
                    }
                }
                assertEquals(1, took, "round " + round + ": taken by exactly one");
            }
            assertEquals(2 * rounds, Sql.count(Database.open(config), "SELECT COUNT(*) FROM claimed_keys"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A burst on one instance (a University-wide announcement: many people's events at once), which
     * SQLite commits in shared transactions: every fresh key is taken, a key offered ten times at
     * once is taken by one, and a refused offer keeps nothing of itself however it was grouped.
     */
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aBurstOfTakingsAtOnceTakesEachKeyOnce(TestStore kind) throws Exception {
        Database db = kind.open(dir);
        ClaimedKeys keys = new StoreClaimedKeys(db, "slack.event", Duration.ofHours(1), clock);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> fresh = new ArrayList<>();
            List<Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                fresh.add(pool.submit(() -> {
                    go.await();
                    return keys.take("event:Fresh" + n, "message:C9:" + n);
                }));
                if (i % 6 == 0) {
                    same.add(pool.submit(() -> {
                        go.await();
                        return keys.take("event:Same" + n, "message:C9:same");
                    }));
                }
            }
            go.countDown();
            for (Future<Boolean> f : fresh) {
                assertTrue(f.get(30, TimeUnit.SECONDS));
            }
            int took = 0;
            for (Future<Boolean> f : same) {
                took += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, took, "the one message offered ten times at once is taken once");
            assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys WHERE claim_key LIKE 'slack.event:event:Same%'"),
                    "the refused offers left nothing behind");
            assertEquals(120 + 2, Sql.count(db, "SELECT COUNT(*) FROM claimed_keys"));
        } finally {
            pool.shutdownNow();
        }
    }
}
