package policybot.bot.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.TestBots;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;
import policybot.knowledge.PolicySource;
import policybot.knowledge.VerbatimCheck;

/**
 * Any text gets an answer or a clear refusal, never an exception, and every answer quotes the
 * policy verbatim. In the test run this replays the committed corpus (AnswerFuzzTestInputs);
 * {@code JAZZER_FUZZ=1 ./mvnw -pl knowledge,bot test -Dtest=AnswerFuzzTest} fuzzes for longer.
 */
class AnswerFuzzTest {
    private static final PolicyBot BOT = TestBots.bundled();
    private static final VerbatimCheck VERBATIM = new VerbatimCheck(PolicySource.bundledText());

    @FuzzTest(maxDuration = "30s")
    void anyMessageGetsAnAnswerOrAClearRefusal(FuzzedDataProvider data) {
        String conversation = data.consumeBoolean() ? "c" + data.consumeInt(0, 3) : null;
        String text = data.consumeRemainingAsString();
        Question q = new Question("f", text, null, null, conversation);
        if (q.problem().isPresent()) {
            return;
        }
        Answer a = BOT.answer(q);
        assertNotNull(a.kind());
        assertTrue(a.confidence() >= 0 && a.confidence() <= 1);
        a.citations().forEach(c -> assertTrue(VERBATIM.isVerbatim(c.quote()) && c.quote().length() <= 600, c.quote()));
        assertTrue(AnswerJson.line(a).startsWith("{\"id\":\"f\""));
    }
}
