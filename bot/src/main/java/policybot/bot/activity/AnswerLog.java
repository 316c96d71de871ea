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
import policybot.bot.answer.AnswerKind;
import policybot.bot.store.Database;

/**
 * How many questions were answered each day, by channel and kind of answer (the {@code answer_log}
 * table): counts only, no question text. Counted in memory as answers go out and added to the
 * table by {@link #flush()} (the server flushes every few seconds and when it stops), so an
 * answer costs no write; a process killed between flushes loses those seconds' counts, which
 * only a chart reads.
 */
public final class AnswerLog {
    private record Key(LocalDate day, String channel, AnswerKind kind) {
    }

    private final Database db;
    private final Clock clock;
    private Map<Key, Long> pending = new HashMap<>();

    public AnswerLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts one answer given today (UTC) in a channel. */
    public synchronized void count(String channel, AnswerKind kind) {
        pending.merge(new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), channel, kind), 1L, Long::sum);
    }

    /**
     * Adds the counts taken since the last flush to the table in one transaction. If the store
     * fails they are kept for the next flush.
     *
     * @return how many answers were added
     */
    public long flush() {
        Map<Key, Long> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return 0;
            }
            batch = pending;
            pending = new HashMap<>();
        }
        try {
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
        } catch (RuntimeException e) {
            synchronized (this) {
                batch.forEach((k, v) -> pending.merge(k, v, Long::sum));
            }
            throw e;
        }
        return batch.values().stream().mapToLong(Long::longValue).sum();
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
