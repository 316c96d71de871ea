package policybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import policybot.bot.answer.Answer;
import policybot.knowledge.PolicyDiff;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicyFormatException;
import policybot.knowledge.PolicyParser;
import policybot.knowledge.PolicySource;

class PolicyUpdatesTest {
    private static final String V12 = PolicySource.bundledText();
    /** A v1.3 in which one bullet is reworded and the version line changed. */
    private static final String V13 = V12.replace("Version\t1.2", "Version\t1.3")
            .replace("not upload any confidential information to public AI services,",
                    "not upload any confidential or commercially sensitive information to public AI services,");

    @Test
    void aNewVersionAnswersFromThenOnAndABrokenOneIsRefused() {
        PolicyBot bot = BotFactory.bundled();
        Question q = Question.of("can I paste our unpublished budget into ChatGPT?");
        assertEquals("1.2", bot.answer(q).policyVersion());

        PolicyFormatException refused = assertThrows(PolicyFormatException.class,
                () -> PolicyUpdates.install(bot, V13.replace("\nRoles\n", "\nPeople\n")));
        assertTrue(refused.getMessage().contains("Roles"), refused.getMessage());
        assertEquals("1.2", bot.answer(q).policyVersion(), "a refused version leaves the old one live");

        PolicyUpdates.install(bot, V13);
        Answer after = bot.answer(q);
        assertEquals("1.3", after.policyVersion());
        assertTrue(after.citations().get(0).quote().contains("commercially sensitive information"), after.text());
    }

    @Test
    void reloadingUnderAStreamOfQuestionsNeverFailsAnAnswer() throws Exception {
        PolicyBot bot = BotFactory.bundled();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService askers = Executors.newFixedThreadPool(2);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            results.add(askers.submit(() -> {
                int v12 = 0;
                int v13 = 0;
                while (!stop.get()) {
                    Answer a = bot.answer(Question.of("can I upload staff home addresses to Gemini?"));
                    assertEquals("not_allowed", a.verdict().wire());
                    if (a.policyVersion().equals("1.2")) {
                        v12++;
                    } else {
                        v13++;
                    }
                }
                return new int[] {v12, v13};
            }));
        }
        for (int i = 0; i < 6; i++) {
            PolicyUpdates.install(bot, i % 2 == 0 ? V13 : V12);
        }
        PolicyUpdates.install(bot, V13);
        Thread.sleep(50);
        stop.set(true);
        int answered = 0;
        for (Future<int[]> f : results) {
            int[] counts = f.get();
            answered += counts[0] + counts[1];
        }
        askers.shutdown();
        assertTrue(answered > 0);
        assertEquals("1.3", bot.answer(Question.of("hello")).policyVersion());
    }

    @Test
    void theDiffListsAddedRemovedAndChangedClauses() {
        PolicyDocument older = new PolicyParser().parse(V12);
        PolicyDocument newer = new PolicyParser().parse(V13.replace("- associate lecturers,\n", ""));
        List<PolicyDiff.Change> changes = PolicyDiff.between(older, newer);
        assertTrue(changes.stream().anyMatch(c -> c.kind() == PolicyDiff.Kind.CHANGED && c.clause().equals("2.3")));
        assertTrue(changes.stream().anyMatch(c -> c.kind() == PolicyDiff.Kind.CHANGED && c.clause().equals("header.5")));
        // Removing a bullet shifts the ids after it: they show as changed, and the last one as removed.
        assertTrue(changes.stream().anyMatch(c -> c.kind() == PolicyDiff.Kind.REMOVED && c.clause().equals("scope.12")));
        String report = PolicyDiff.report(older, newer);
        assertTrue(report.startsWith("Policy v1.2 -> v1.3:"), report);
        assertTrue(report.contains("+ not upload any confidential or commercially sensitive information"), report);
    }

    @Test
    void aMarkdownEditionWithTheSameOutlineParsesToTheSameClauses() {
        String markdown = V12;
        for (String heading : List.of("Policy Statement", "Objectives", "Purposes", "Scope", "Policy Details",
                "Underpinning principles", "Exceptions", "Roles", "Definitions used within the policy",
                "Associated Documents", "References")) {
            markdown = markdown.replace("\n" + heading + "\n", "\n## " + heading + "\n");
        }
        assertEquals(new PolicyParser().parse(V12).clauses(), new PolicyParser().parse(markdown).clauses());
    }
}
