package policybot.bot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's database: a pool-less {@link DataSource} (a connection per unit of work; the bot's
 * store traffic is a few statements per message, so a pool would buy little), migrated with
 * Flyway when opened. One schema for both kinds: the migrations differ only in the
 * {@code ${id}} placeholder (how a generated key column is declared).
 */
public final class Database {
    /** The two kinds of database the store runs on. */
    public enum Kind { SQLITE, POSTGRESQL }

    /** Milliseconds a SQLite connection waits for another writer before giving up. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final DataSource dataSource;
    /** SQLite: the same database, its commits not synced to disk (see {@link #inTransactionWithoutSync}). */
    private final DataSource unsynced;
    private final Kind kind;
    private final String description;
    /** Group commit: the works waiting for the next grouped transaction, and whether one is under way. */
    private final Object group = new Object();
    private List<Pending<?>> waiting = new ArrayList<>();
    private boolean committing;
    /**
     * SQLite: the one connection unsynced work runs on, opened when first needed and kept, since
     * opening a connection (the file, its schema, the pragmas) cost more than a claimed key's whole
     * transaction. Its users take turns, as SQLite's single writer makes them anyway.
     */
    private final ReentrantLock keptLock = new ReentrantLock();
    private Connection kept;

    private Database(DataSource dataSource, DataSource unsynced, Kind kind, String description) {
        this.dataSource = dataSource;
        this.unsynced = unsynced;
        this.kind = kind;
        this.description = description;
    }

    /** Opens the database the configuration names and brings its schema up to date. */
    public static Database open(StoreConfig config) {
        Database db = switch (config.kind()) {
            case SQLITE -> sqlite(config);
            case POSTGRESQL -> postgres(config);
        };
        db.migrate();
        db.checkWritable();
        return db;
    }

    private static Database sqlite(StoreConfig config) {
        Path file = config.sqliteFile();
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directory " + dir, e);
        }
        // Said before SQLite or Flyway touch anything, in words an operator can act on: opened
        // read-only, SQLite would start and then fail at the first ticket.
        if (dir != null && Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException("the store's file " + file.toAbsolutePath() + " is read-only: the server must be able "
                    + "to write it (give its user write access, or set " + StoreConfig.URL_VARIABLE + " to a writable place); "
                    + "nothing was changed", (Throwable) null);
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new StoreException("the store's directory " + dir + " is not writable: SQLite keeps its journal ("
                    + file.getFileName() + "-wal, -shm) beside the file, so the server must be able to create files there "
                    + "(or set " + StoreConfig.URL_VARIABLE + " to a writable place); nothing was changed", (Throwable) null);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL: readers do not block the writer. FULL: a committed ticket survives a power cut, not just a crash.
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        // IMMEDIATE: a transaction takes the write lock when it begins, so two writers queue on the
        // busy timeout instead of one failing when it upgrades a read lock (SQLite's single writer).
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(config.url());
        java.util.Properties same = new java.util.Properties();
        same.putAll(sqlite.toProperties()); // a copy: toProperties() is the configuration's own table
        SQLiteConfig notSynced = new SQLiteConfig(same);
        notSynced.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        SQLiteDataSource unsynced = new SQLiteDataSource(notSynced);
        unsynced.setUrl(config.url());
        return new Database(ds, unsynced, Kind.SQLITE, "SQLite " + file);
    }

    private static Database postgres(StoreConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.url());
        if (config.user() != null && !config.user().isBlank()) {
            ds.setUser(config.user());
        }
        if (config.password() != null && !config.password().isEmpty()) {
            ds.setPassword(config.password());
        }
        return new Database(ds, ds, Kind.POSTGRESQL, "PostgreSQL " + config.url().replaceAll("\\?.*", ""));
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("id", switch (kind) {
                        case SQLITE -> "INTEGER PRIMARY KEY AUTOINCREMENT";
                        case POSTGRESQL -> "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                    }))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the store (" + description + ")", e);
        }
    }

    /**
     * A write that changes nothing, at start: a store that can be read but not written (a
     * read-only file, a read-only PostgreSQL standby, a user without write grants) is refused now
     * rather than at the first ticket.
     */
    private void checkWritable() {
        try {
            inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM outbox WHERE id < 0");
                }
                return null;
            });
        } catch (StoreException e) {
            throw new StoreException("the store (" + description + ") can be read but not written: "
                    + e.getCause().getMessage() + "; nothing was changed", e.getCause());
        }
    }

    public Kind kind() {
        return kind;
    }

    /** "SQLite data/policybot.db" or "PostgreSQL jdbc:postgresql://host/db" (no credentials). */
    public String description() {
        return description;
    }

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs work in one transaction: all of it is committed, or none of it. */
    public <T> T inTransaction(Work<T> work) {
        return inTransaction(dataSource, false, work);
    }

    /**
     * Runs work in one transaction whose commit is not waited on to reach the disk: it survives the
     * process ending at once (SQLite's write-ahead log, PostgreSQL's WAL buffers), not a power cut
     * or an operating system crash in the next moment. For what a lost write costs nothing lasting,
     * such as a claimed key (at worst one answer given twice), and is wanted quickly: Slack's
     * acknowledgement waits on one. Tickets, the review queue and the outbox never use it.
     */
    public <T> T inTransactionWithoutSync(Work<T> work) {
        if (kind == Kind.POSTGRESQL) {
            return inTransaction(unsynced, true, work);
        }
        keptLock.lock();
        try {
            Connection c = kept;
            if (c == null) {
                c = unsynced.getConnection();
                kept = c;
            }
            try {
                return explicitTransaction(c, work);
            } catch (SQLException | RuntimeException e) {
                // after any failure the connection is not used again (simpler than knowing it is sound):
                // the next unit of work opens a new one
                kept = null;
                close(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            keptLock.unlock();
        }
    }

    private <T> T inTransaction(DataSource source, boolean asynchronousCommit, Work<T> work) {
        try (Connection c = source.getConnection()) {
            if (kind == Kind.SQLITE) {
                return explicitTransaction(c, work);
            }
            c.setAutoCommit(false);
            return transaction(c, asynchronousCommit, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static <T> T transaction(Connection c, boolean asynchronousCommit, Work<T> work) throws SQLException {
        if (asynchronousCommit) {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    /**
     * A SQLite transaction begun and ended by statements on a connection left in auto-commit: the
     * driver, told not to auto-commit, begins the next transaction as soon as one commits, taking
     * SQLite's one write lock again only to give it back when the connection closes (and a kept
     * connection would hold it between its units of work).
     */
    private static <T> T explicitTransaction(Connection c, Work<T> work) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        try {
            T result = work.apply(c);
            try (var s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try (var s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException notUndone) {
                e.addSuppressed(notUndone);
            }
            throw e;
        }
    }

    private StoreException failed(SQLException e) {
        if (full(e)) {
            return new StoreException("the store (" + description + ") is full: the disk has no space left, or the "
                    + "database has reached its size limit; nothing of this change was written, and what was "
                    + "written before is intact. Free space on the disk (or raise the limit); the bot records again "
                    + "without a restart", e);
        }
        return new StoreException("a store transaction failed (" + description + ")", e);
    }

    /**
     * Whether a write failed because there is no room: SQLite's SQLITE_FULL ("database or disk is
     * full": the disk, or the file's max_page_count) or PostgreSQL's disk_full (SQLSTATE 53100). An
     * operator must be told that in those words, not just that a transaction failed.
     */
    static boolean full(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s && s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (t instanceof SQLException q && "53100".equals(q.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs work in a transaction it may share with the work other threads hand in at the same
     * time (group commit): whoever finds no commit under way commits everything waiting, in one
     * transaction, while later arrivals wait for the next one. Each caller returns only once its
     * own work is committed, as with {@link #inTransaction}, but a burst of small writes costs one
     * commit (with SQLite, one sync to disk) per batch instead of one each; the store's single
     * writer was what slowed answers that write to it under load. For independent units of work
     * only (each must be correct whichever others share its transaction). If any work of a batch
     * fails, the batch is rolled back and each of its works is run again in a transaction of its
     * own, so one failure fails only its own caller.
     */
    public <T> T inGroupedTransaction(Work<T> work) {
        Pending<T> mine = new Pending<>(work);
        boolean lead;
        synchronized (group) {
            waiting.add(mine);
            lead = !committing;
            committing = true;
        }
        if (!lead) {
            mine.awaitTurn();
        }
        if (!mine.done) {
            // this thread leads: it commits everything waiting, its own work among it
            List<Pending<?>> batch;
            synchronized (group) {
                batch = waiting;
                waiting = new ArrayList<>();
            }
            try {
                commit(batch);
            } catch (Throwable t) {
                // not a store failure (those are each work's own): nobody in the batch may wait forever
                StoreException failed = new StoreException("a grouped store transaction failed (" + description + ")", t);
                batch.forEach(p -> p.failIfWaiting(failed));
                throw t;
            } finally {
                synchronized (group) {
                    // hand over to the first that came while this batch was committed, if any
                    committing = !waiting.isEmpty();
                    if (committing) {
                        waiting.get(0).lead();
                    }
                }
            }
        }
        return mine.result();
    }

    /** How many works wait for the next grouped transaction (for tests). */
    int waitingForGroupCommit() {
        synchronized (group) {
            return waiting.size();
        }
    }

    private void commit(List<Pending<?>> batch) {
        if (batch.size() > 1) {
            try {
                inTransaction(c -> {
                    for (Pending<?> p : batch) {
                        p.run(c);
                    }
                    return null;
                });
                batch.forEach(Pending::succeed);
                return;
            } catch (RuntimeException e) {
                batch.forEach(Pending::forget);
                // one of them failed: each on its own, so the others are not failed with it
            }
        }
        for (Pending<?> p : batch) {
            try {
                inTransaction(c -> {
                    p.run(c);
                    return null;
                });
                p.succeed();
            } catch (RuntimeException e) {
                p.fail(e);
            }
        }
    }

    /** A unit of work handed in for a grouped transaction, and what came of it. */
    private static final class Pending<T> {
        private final Work<T> work;
        private T value;
        private T provisional;
        private RuntimeException failure;
        private boolean done;
        private boolean leads;

        Pending(Work<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            provisional = work.apply(c);
        }

        synchronized void succeed() {
            value = provisional;
            done = true;
            notifyAll();
        }

        void forget() {
            provisional = null;
        }

        synchronized void fail(RuntimeException e) {
            failure = e;
            done = true;
            notifyAll();
        }

        synchronized void failIfWaiting(RuntimeException e) {
            if (!done) {
                fail(e);
            }
        }

        synchronized void lead() {
            leads = true;
            notifyAll();
        }

        /** Waits until the work is committed (or failed), or until this thread is to lead the next batch. */
        synchronized void awaitTurn() {
            boolean interrupted = false;
            while (!done && !leads) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is in a batch already: it must be seen through
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /** Runs reads on a connection of their own, without a transaction. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("a store read failed (" + description + ")", e);
        }
    }

    /**
     * Whether the store answers a trivial query (a readiness check): empty when it does, else a
     * short reason without the connection details (those are logged by the caller if wanted).
     */
    public java.util.Optional<String> problem() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
            return rs.next() ? java.util.Optional.empty() : java.util.Optional.of("the store returned nothing");
        } catch (SQLException e) {
            return java.util.Optional.of("the store is not reachable (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /**
     * What a SELECT that claims rows ends with: on PostgreSQL, rows another instance has locked are
     * skipped rather than waited for; SQLite has a single writer, so there is nothing to skip.
     */
    public String claimSuffix() {
        return kind == Kind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * What a SELECT that reads a row in order to change it ends with: on PostgreSQL the row is locked
     * until the transaction ends, so two instances changing one ticket take turns; SQLite's
     * transactions already hold its single write lock.
     */
    public String lockSuffix() {
        return kind == Kind.POSTGRESQL ? " FOR UPDATE" : "";
    }

    private static void close(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }
}
