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
}
