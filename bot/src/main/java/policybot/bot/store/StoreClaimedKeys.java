package policybot.bot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys taken once across every instance on one store (table {@code claimed_keys}, migration V5).
 * Taking is an insert that the primary key lets through once: {@code ON CONFLICT ... DO UPDATE
 * ... WHERE} the existing row has expired, so the statement changes a row exactly when the key
 * was free. Not a duplicate-key error: on PostgreSQL an error ends the transaction, and several
 * keys are taken together or not at all. Two instances offering one key at once: on PostgreSQL
 * the second insert waits for the first transaction and then sees its row; SQLite has one writer.
 * Keys are taken in sorted order so two transactions never wait on each other in a circle.
 * Expired rows are deleted now and then by whichever instance is taking keys.
 */
public final class StoreClaimedKeys implements ClaimedKeys {
    private static final Logger log = LoggerFactory.getLogger(StoreClaimedKeys.class);
    /** How often an instance deletes expired keys (any instance's purge serves all). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private static final String TAKE = "INSERT INTO claimed_keys (claim_key, taken_at, expires_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (claim_key) DO UPDATE SET taken_at = excluded.taken_at, expires_at = excluded.expires_at "
            + "WHERE claimed_keys.expires_at <= ?";

    private final Database db;
    private final String space;
    private final Duration keep;
    private final Clock clock;
    private final AtomicLong nextPurge;

    /**
     * @param space a name that keeps this set's keys apart from other sets' in the one table
     * @param keep  how long a taken key stays taken
     */
    public StoreClaimedKeys(Database db, String space, Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keys must be kept for a positive time, not " + keep);
        }
        this.db = Objects.requireNonNull(db);
        this.space = Objects.requireNonNull(space);
        this.keep = keep;
        this.clock = clock;
        this.nextPurge = new AtomicLong(clock.millis() + PURGE_EVERY.toMillis());
    }

    /** Sets of keys on this store, each named and with its own keeping time. */
    public static ClaimedKeys.Source source(Database db, Clock clock) {
        return (space, keep) -> new StoreClaimedKeys(db, space, keep, clock);
    }

    /** A key was taken: the transaction is undone (keys taken before it in the same call are given back). */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean take(String... keys) {
        List<String> names = names(keys);
        if (names.isEmpty()) {
            return true;
        }
        long now = clock.millis();
        purgeNowAndThen(now);
        try {
            // Not waiting for the disk: a key lost in a power cut costs at most one answer given twice,
            // while a sync for every key made each of Slack's acknowledgements queue for SQLite's one writer.
            db.inTransactionWithoutSync(c -> {
                try (PreparedStatement s = c.prepareStatement(TAKE)) {
                    for (String k : names) {
                        s.setString(1, k);
                        s.setLong(2, now);
                        s.setLong(3, now + keep.toMillis());
                        s.setLong(4, now);
                        if (s.executeUpdate() == 0) {
                            throw new Taken();
                        }
                    }
                }
                return null;
            });
            return true;
        } catch (Taken taken) {
            return false;
        }
    }

    @Override
    public void release(String... keys) {
        List<String> names = names(keys);
        if (names.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM claimed_keys WHERE claim_key = ?")) {
                for (String k : names) {
                    s.setString(1, k);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public boolean has(String key) {
        if (key == null) {
            return false;
        }
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM claimed_keys WHERE claim_key = ? AND expires_at > ?")) {
                s.setString(1, name(key));
                s.setLong(2, now);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** Deletes every expired key (of every set); returns how many. */
    public int purge() {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM claimed_keys WHERE expires_at <= ?")) {
                s.setLong(1, now);
                return s.executeUpdate();
            }
        });
    }

    private void purgeNowAndThen(long now) {
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            return;
        }
        try {
            int n = purge();
            log.debug("purged {} expired claimed keys", n);
        } catch (StoreException e) {
            // the rows wait for the next purge; taking a key does not depend on it
            log.warn("could not purge expired claimed keys: {}", e.getMessage());
        }
    }

    private String name(String key) {
        return space + ":" + key;
    }

    private List<String> names(String... keys) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String k : keys) {
            if (k != null) {
                sorted.add(name(k));
            }
        }
        return List.copyOf(sorted);
    }

    @Override
    public String toString() {
        return "StoreClaimedKeys[" + space + ", " + keep + ", " + db.description() + "]";
    }
}
