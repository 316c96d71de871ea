package policybot.bot.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.activity.AnswerLog.DailyCount;
import policybot.bot.answer.AnswerKind;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreException;
import policybot.bot.store.TestStore;

class AnswerLogTest {
    @TempDir
    Path dir;

    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void countsAnswersPerDayAndKindAcrossChannelsAndFlushes(TestStore kind) {
        Database db = kind.open(dir);
        MutableClock clock = MutableClock.at("2026-03-02T23:59:00Z");
        AnswerLog log = new AnswerLog(db, clock);
        log.count("web", AnswerKind.ANSWER);
        log.count("slack", AnswerKind.ANSWER);
        log.count("web", AnswerKind.NO_ANSWER);
        assertEquals(List.of(), log.daily(MONDAY, MONDAY), "nothing is written before a flush");
        assertEquals(3, log.flush());
        assertEquals(0, log.flush(), "a flush writes each count once");
        clock.advance(Duration.ofMinutes(2)); // past midnight UTC: the next day
        log.count("web", AnswerKind.ANSWER);
        log.count("web", AnswerKind.ANSWER);
        log.flush();
        clock.advance(Duration.ofMinutes(1));
        log.count("web", AnswerKind.ANSWER);
        log.flush();

        assertEquals(List.of(new DailyCount(MONDAY, AnswerKind.ANSWER, 2), new DailyCount(MONDAY, AnswerKind.NO_ANSWER, 1),
                new DailyCount(MONDAY.plusDays(1), AnswerKind.ANSWER, 3)), log.daily(MONDAY, MONDAY.plusDays(1)));
        assertEquals(List.of(new DailyCount(MONDAY.plusDays(1), AnswerKind.ANSWER, 3)),
                log.daily(MONDAY.plusDays(1), MONDAY.plusDays(30)));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void countsAreKeptWhenTheStoreFailsAndWrittenByTheNextFlush(TestStore kind) throws Exception {
        Database db = kind.open(dir);
        AnswerLog log = new AnswerLog(db, MutableClock.at("2026-03-02T09:00:00Z"));
        log.count("web", AnswerKind.HELP);
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE answer_log RENAME TO answer_log_away");
            }
            return null;
        });
        assertThrows(StoreException.class, log::flush);
        log.count("web", AnswerKind.HELP);
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE answer_log_away RENAME TO answer_log");
            }
            return null;
        });
        assertEquals(2, log.flush());
        assertEquals(List.of(new DailyCount(MONDAY, AnswerKind.HELP, 2)), log.daily(MONDAY, MONDAY));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void countsTakenWhileOtherThreadsFlushAreAllWrittenOnce(TestStore kind) throws Exception {
        Database db = kind.open(dir);
        AnswerLog log = new AnswerLog(db, MutableClock.at("2026-03-02T09:00:00Z"));
        int threads = 4;
        int each = 2_000;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> counters = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AnswerKind k = t % 2 == 0 ? AnswerKind.ANSWER : AnswerKind.NO_ANSWER;
            counters.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    log.count("web", k);
                }
            }));
        }
        long flushed = 0;
        go.countDown();
        while (counters.stream().anyMatch(Thread::isAlive)) {
            flushed += log.flush();
        }
        for (Thread t : counters) {
            t.join();
        }
        flushed += log.flush();
        assertEquals((long) threads * each, flushed);
        assertEquals(0, log.flush());
        assertEquals(List.of(new DailyCount(MONDAY, AnswerKind.ANSWER, 2L * each),
                new DailyCount(MONDAY, AnswerKind.NO_ANSWER, 2L * each)), log.daily(MONDAY, MONDAY));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void daysLongPastAreForgottenOnceWrittenAndNotWrittenTwice(TestStore kind) {
        Database db = kind.open(dir);
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        AnswerLog log = new AnswerLog(db, clock);
        log.count("web", AnswerKind.ANSWER);
        assertEquals(1, log.flush());
        clock.advance(Duration.ofDays(5));
        log.count("web", AnswerKind.ANSWER);
        assertEquals(1, log.flush(), "Monday's count, forgotten now, is not written again");
        assertEquals(0, log.flush());
        assertEquals(List.of(new DailyCount(MONDAY, AnswerKind.ANSWER, 1), new DailyCount(MONDAY.plusDays(5),
                AnswerKind.ANSWER, 1)), log.daily(MONDAY, MONDAY.plusDays(5)));
    }
}
