package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.PolicyFollower;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.redaction.Redactor;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewQueue;
import policybot.bot.review.ReviewStatus;

/** The bot learns from its misses: a wording marked "answered by clause X" gets clause X next time. */
class AlternateQuestionsTest {
    private static final String MISSED = "where do I stand with the robots in my spreadsheet macros?";

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aWordingMarkedAnsweredByAClauseGetsThatClauseNextTime(TestStore kind, @TempDir Path dir) {
        Database db = kind.open(dir);
        PolicyBot bot = BotFactory.bundled();
        PolicyBot otherInstance = BotFactory.bundled();
        Answer before = bot.answer(Question.of(MISSED));
        ReviewQueue queue = new ReviewQueue(db, Redactor.standard(), 0.65, Clock.systemUTC());
        queue.record(Question.of(MISSED), before);
        ReviewItem item = queue.list(ReviewStatus.NEW).get(0);

        queue.markAnsweredBy(item.id(), "policy-team", "statement.4", bot.policy().version());
        AlternateQuestions alternates = new AlternateQuestions(db, Clock.systemUTC());
        PolicyVersions versions = new PolicyVersions(db, Clock.systemUTC());
        assertTrue(new PolicyFollower(bot, versions, alternates).sync());
        assertTrue(new PolicyFollower(otherInstance, versions, alternates).sync());

        for (PolicyBot b : new PolicyBot[] {bot, otherInstance}) {
            Answer after = b.answer(Question.of(MISSED));
            assertEquals("answer", after.kind().wire(), after.text());
            assertEquals("statement.4", after.citations().get(0).clause(), after.explanation().toString());
        }
        assertEquals(ReviewStatus.COVERED, queue.find(item.id()).orElseThrow().status());
    }
}
