package policybot.bot.activity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import policybot.bot.answer.AnswerKind;
import policybot.bot.store.Database;

/**
 * How many questions were answered each day, by channel and kind of answer (the {@code answer_log}
 * table): counts only, no question text. Counted in memory as answers go out and added to the
 * table by {@link #flush()} (the server flushes every few seconds and when it stops), so an
 * answer costs no write; a process killed between flushes loses those seconds' counts, which
 * only a chart reads.
 *
 * <p>Counting takes no lock: every answer of every channel passes here, and under load a
 * synchronized count made requests queue behind a thread the scheduler had paused while it held
 * the lock (tens of milliseconds on two busy cores). Each key's counter only grows; a flush
 * writes what it has grown by since the last flush that was written.
 */
public final class AnswerLog {
    private record Key(LocalDate day, String channel, AnswerKind kind) {
    }

    /** Days older than this many are forgotten once written: no answer can still be counted on them. */
    private static final int KEEP_DAYS = 2;

    private final Database db;
    private final Clock clock;
    private final Map<Key, LongAdder> counted = new ConcurrentHashMap<>();
    /** What the table holds of each counter (guarded by this object: one flush at a time). */
    private final Map<Key, Long> written = new HashMap<>();

    public AnswerLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts one answer given today (UTC) in a channel. */
    public void count(String channel, AnswerKind kind) {
        counted.computeIfAbsent(new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), channel, kind),
                k -> new LongAdder()).increment();
    }

    /**
     * Adds the counts taken since the last flush to the table in one transaction. If the store
     * fails they are kept for the next flush.
     *
     * @return how many answers were added
     */
    public synchronized long flush() {
        Map<Key, Long> batch = new HashMap<>();
        Map<Key, Long> totals = new HashMap<>();
        counted.forEach((key, adder) -> {
            long total = adder.sum(); // a count after this read is written by the next flush
            long delta = total - written.getOrDefault(key, 0L);
            if (delta > 0) {
                batch.put(key, delta);
                totals.put(key, total);
            }
        });
        if (batch.isEmpty()) {
            return 0;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO answer_log (day, channel, kind, answers) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (day, channel, kind) "
                    + "DO UPDATE SET answers = answer_log.answers + excluded.answers")) {
                for (Map.Entry<Key, Long> e : batch.entrySet()) {
                    ps.setString(1, e.getKey().day().toString());
                    ps.setString(2, e.getKey().channel());
                    ps.setString(3, e.getKey().kind().wire());
                    ps.setLong(4, e.getValue());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        written.putAll(totals);
        forgetOldDays();
        return batch.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Drops the counters of days long past once all they counted is written. */
    private void forgetOldDays() {
        LocalDate oldest = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(KEEP_DAYS);
        counted.entrySet().removeIf(e -> e.getKey().day().isBefore(oldest)
                && e.getValue().sum() == written.getOrDefault(e.getKey(), 0L)
                && written.remove(e.getKey()) != null);
    }

    /**
     * Questions per day and kind (all channels together) from one day to another, both included,
     * oldest first; days and kinds with none are left out.
     */
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT day, kind, SUM(answers) FROM answer_log "
                    + "WHERE day >= ? AND day <= ? GROUP BY day, kind ORDER BY day, kind")) {
                ps.setString(1, from.toString());
                ps.setString(2, to.toString());
                List<DailyCount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DailyCount(LocalDate.parse(rs.getString(1)), kind(rs.getString(2)),
                                rs.getLong(3)));
                    }
                }
                return out;
            }
        });
    }

    private static AnswerKind kind(String wire) {
        for (AnswerKind k : AnswerKind.values()) {
            if (k.wire().equals(wire)) {
                return k;
            }
        }
        throw new IllegalStateException("answer_log holds an unknown kind '" + wire + "'");
    }

    /**
     * @param day    the day (UTC)
     * @param kind   the kind of answer
     * @param count  how many questions got that kind of answer that day
     */
    public record DailyCount(LocalDate day, AnswerKind kind, long count) {
    }
}
