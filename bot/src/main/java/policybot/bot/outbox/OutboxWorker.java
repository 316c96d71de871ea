package policybot.bot.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.store.Database;

/**
 * Delivers what is in the outbox: claims due items (with a lease, so an item whose worker died is
 * taken again once the lease runs out), hands each to its {@link Delivery}, and records the
 * outcome: delivered, a later attempt after an exponential back-off, or the dead letters. All of
 * its state is in the database, so a restarted process carries on where the last one stopped.
 *
 * <p>Several workers, in one process or many, may share one PostgreSQL database: claiming uses
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, and each outcome is written only by the claim that
 * holds the item. On SQLite a claim takes the single write lock.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    /** Longest failure reason kept (a receiver's error page can be long). */
    static final int MAX_ERROR = 500;

    private static final String DUE = "((status = 'pending' AND next_attempt_at <= ?) "
            + "OR (status = 'delivering' AND lease_until <= ?))";

    private final Database db;
    private final Delivery delivery;
    private final OutboxSettings settings;
    private final Clock clock;
    private final String workerId;
    private ScheduledExecutorService scheduler;

    public OutboxWorker(Database db, Delivery delivery, OutboxSettings settings, Clock clock, String workerId) {
        this.db = db;
        this.delivery = delivery;
        this.settings = settings;
        this.clock = clock;
        this.workerId = workerId;
    }

    /** A claimed item and the token of the claim that holds it. */
    private record Claimed(OutboxItem item, String token) {
    }

    /**
     * Claims one batch of due items and delivers them.
     *
     * @return how many items it claimed (0: nothing was due)
     */
    public int runOnce() {
        List<Claimed> batch = claim();
        for (Claimed claimed : batch) {
            OutboxItem item = claimed.item();
            DeliveryResult result;
            if (item.attempts() > settings.maxAttempts()) {
                // its lease ran out on its last allowed attempt: a worker died delivering it, repeatedly
                result = DeliveryResult.rejected("no attempt finished within " + settings.maxAttempts()
                        + " attempts (last error: " + item.lastError() + ")");
            } else {
                result = attempt(item);
            }
            record(claimed, result);
        }
        return batch.size();
    }

    /** Runs batches until nothing is due (for tests and for a drain on shutdown). */
    public int drain() {
        int total = 0;
        for (int n; (n = runOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    /** Polls the outbox on a thread of its own until closed. */
    public synchronized void start(Duration every) {
        if (scheduler != null) {
            throw new IllegalStateException("the outbox worker is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-" + workerId);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                drain();
            } catch (RuntimeException e) {
                log.error("the outbox worker failed a round; it tries again in {}", every, e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    private DeliveryResult attempt(OutboxItem item) {
        try {
            DeliveryResult r = delivery.deliver(item);
            return r == null ? DeliveryResult.retry("the delivery returned no result") : r;
        } catch (RuntimeException e) {
            return DeliveryResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private List<Claimed> claim() {
        long now = clock.millis();
        String token = workerId + "/" + UUID.randomUUID();
        return db.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE " + DUE
                    + " ORDER BY next_attempt_at, id LIMIT ?" + db.claimSuffix())) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setInt(3, settings.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<Claimed> claimed = new ArrayList<>();
            for (long id : ids) {
                // the WHERE repeats the due test: a claim is taken only if the item is still free
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'delivering', "
                        + "attempts = attempts + 1, lease_until = ?, claimed_by = ?, updated_at = ? WHERE id = ? AND " + DUE)) {
                    ps.setLong(1, now + settings.lease().toMillis());
                    ps.setString(2, token);
                    ps.setLong(3, now);
                    ps.setLong(4, id);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    if (ps.executeUpdate() == 0) {
                        continue;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + Outbox.COLUMNS + " FROM outbox WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        claimed.add(new Claimed(Outbox.item(rs), token));
                    }
                }
            }
            return claimed;
        });
    }

    private void record(Claimed claimed, DeliveryResult result) {
        OutboxItem item = claimed.item();
        long now = clock.millis();
        boolean written = db.inTransaction(c -> switch (result) {
            case DeliveryResult.Delivered d -> update(c, "status = 'delivered', delivered_at = ?, last_error = NULL",
                    claimed, now, now);
            case DeliveryResult.Retry r when item.attempts() < settings.maxAttempts() ->
                    update(c, "status = 'pending', next_attempt_at = ?, last_error = ?", claimed, now,
                            now + settings.backoff(item.attempts()).toMillis(), clip(r.why()));
            case DeliveryResult.Retry r -> update(c, "status = 'dead', last_error = ?", claimed, now,
                    clip("gave up after " + item.attempts() + " attempts: " + r.why()));
            case DeliveryResult.Rejected r -> update(c, "status = 'dead', last_error = ?", claimed, now, clip(r.why()));
        });
        if (!written) {
            log.warn("outbox item {} was taken by another worker after its lease ran out; its outcome ({}) is not recorded",
                    item.id(), result.getClass().getSimpleName());
        } else if (!(result instanceof DeliveryResult.Delivered)) {
            log.info("outbox item {} to {} failed attempt {}: {}", item.id(), item.destination(), item.attempts(), result);
        }
    }

    /** Writes an outcome if the claim still holds the item. */
    private static boolean update(Connection c, String set, Claimed claimed, long now, Object... values)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET " + set
                + ", lease_until = NULL, claimed_by = NULL, updated_at = ? WHERE id = ? AND claimed_by = ? AND status = 'delivering'")) {
            int i = 1;
            for (Object v : values) {
                if (v instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) v);
                }
            }
            ps.setLong(i++, now);
            ps.setLong(i++, claimed.item().id());
            ps.setString(i, claimed.token());
            return ps.executeUpdate() == 1;
        }
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "...";
    }
}
