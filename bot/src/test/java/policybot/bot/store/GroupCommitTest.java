package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Works handed in while a grouped transaction is being committed wait and are committed together
 * in the next one; each caller gets its own result only once its work is committed, and a work
 * that fails fails only its own caller.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    private Database withTable(TestStore kind, Path dir) {
        Database db = kind.open(dir);
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE grouped (name VARCHAR(40) PRIMARY KEY)");
            }
            return null;
        });
        return db;
    }

    /** The connections works ran on: works committed together ran on one (the store keeps no pool). */
    private final Set<java.sql.Connection> connections = java.util.Collections.newSetFromMap(
            new java.util.concurrent.ConcurrentHashMap<>());

    private Database.Work<String> insert(String name, AtomicInteger transactionsSeen) {
        return c -> {
            connections.add(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grouped (name) VALUES (?)")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            // work run inside a batch sees the rows of the works before it in the same transaction
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM grouped")) {
                rs.next();
                transactionsSeen.accumulateAndGet(rs.getInt(1), Math::max);
            }
            return "committed " + name;
        };
    }

    private Set<String> names(Database db) {
        return db.read(c -> {
            Set<String> out = new TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM grouped")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void worksHandedInDuringACommitAreCommittedTogetherAndEachCallerGetsItsOwnResult(TestStore kind) throws Exception {
        Database db = withTable(kind, dir);
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(c -> {
            leaderInside.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return insert("leader", seen).apply(c);
        }), Thread::startVirtualThread);
        assertTrue(leaderInside.await(30, TimeUnit.SECONDS));
        List<CompletableFuture<String>> followers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "follower-" + i;
            followers.add(CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(insert(name, seen)),
                    Thread::startVirtualThread));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.waitingForGroupCommit() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(10, db.waitingForGroupCommit(), "the followers wait while the leader's transaction is open");
        assertEquals(Set.of(), names(db), "nothing is visible before a commit");
        for (CompletableFuture<String> f : followers) {
            assertTrue(!f.isDone(), "no follower returns before its work is committed");
        }
        release.countDown();
        assertEquals("committed leader", leader.get(30, TimeUnit.SECONDS));
        for (int i = 0; i < 10; i++) {
            assertEquals("committed follower-" + i, followers.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(11, names(db).size());
        assertEquals(11, seen.get(), "the last saw all rows before it");
        assertEquals(2, connections.size(), "two transactions: the leader's, then one for all ten followers");
        assertEquals(0, db.waitingForGroupCommit());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aWorkThatFailsFailsOnlyItsOwnCaller(TestStore kind) throws Exception {
        Database db = withTable(kind, dir);
        db.inTransaction(insert("taken", new AtomicInteger()));
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(c -> {
            leaderInside.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return "nothing written";
        }), Thread::startVirtualThread);
        assertTrue(leaderInside.await(30, TimeUnit.SECONDS));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(insert("a", seen)),
                Thread::startVirtualThread);
        CompletableFuture<String> duplicate = CompletableFuture.supplyAsync(
                () -> db.inGroupedTransaction(insert("taken", seen)), Thread::startVirtualThread);
        CompletableFuture<String> last = CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(insert("b", seen)),
                Thread::startVirtualThread);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.waitingForGroupCommit() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        assertEquals("nothing written", leader.get(30, TimeUnit.SECONDS));
        assertEquals("committed a", first.get(30, TimeUnit.SECONDS));
        assertEquals("committed b", last.get(30, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> duplicate.get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof StoreException, failed.getCause().toString());
        assertEquals(new TreeSet<>(Set.of("a", "b", "taken")), names(db));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void manyWritersAllCommitted(TestStore kind) throws Exception {
        Database db = withTable(kind, dir);
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "w" + i;
            all.add(CompletableFuture.supplyAsync(() -> db.inGroupedTransaction(insert(name, new AtomicInteger())),
                    Thread::startVirtualThread));
        }
        for (CompletableFuture<String> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(200, names(db).size());
        assertEquals(0, db.waitingForGroupCommit());
    }
}
