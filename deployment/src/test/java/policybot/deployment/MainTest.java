package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The assembly on a fresh SQLite file: what ask records, and the operators' commands, with no set-up. */
class MainTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Map<String, String> env() {
        return Map.of("POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("store/policybot.db"));
    }

    private Run run(String... args) {
        CommandLine cli = Main.commandLine(env());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void askWithNoLogNeverTouchesTheStore() {
        assertEquals(0, run("ask", "--no-log", "--json", "what is the capital of Australia?").exit());
        assertFalse(Files.exists(dir.resolve("store")), "--no-log created the store");
    }

    @Test
    void askOpensTheStoreOnlyForAQuestionWorthReviewing() {
        assertEquals(0, run("ask", "--json", "can I upload personal data to ChatGPT?").exit());
        assertFalse(Files.exists(dir.resolve("store")), "a confident answer opened the store");

        assertEquals(0, run("ask", "what is the capital of Australia? mail me at jo@uni.ac.uk").exit());
        assertTrue(Files.isRegularFile(dir.resolve("store/policybot.db")));
        Run list = run("review", "list", "--json");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("\"latest_question\":\"what is the capital of Australia? mail me at [email]\""),
                list.out());
        // queued as no_answer or, since the core's vocabulary grew, as a low-confidence answer (0.597 < 0.65)
        assertTrue(list.out().contains("\"occurrences\":1"), list.out());
        Run csv = run("review", "export", "--csv");
        assertTrue(csv.out().startsWith("id,status,occurrences,"), csv.out());
        assertFalse(csv.out().contains("jo@uni.ac.uk"));
    }

    @Test
    void aTicketFromEscalationToClosedOnTheCommandLine() {
        Run opened = run("escalate", "--team", "information-governance", "--requester", "u-jo", "--channel", "teams",
                "Do I need a DPIA for an AI transcription tool?");
        assertEquals(0, opened.exit(), opened.err());
        assertEquals("Opened T-1 for information-governance.", opened.out().strip());

        assertEquals(0, run("tickets", "claim", "T-1", "--by", "ig-sam").exit());
        Run illegal = run("tickets", "claim", "T-1", "--by", "ig-lee");
        assertEquals(1, illegal.exit());
        assertEquals("policybot: ticket T-1 is claimed: it cannot be claimed (only a ticket that is open can)",
                illegal.err().strip());
        assertEquals(0, run("tickets", "reply", "1", "--by", "ig-sam", "Yes:", "use", "the", "DPIA", "form.").exit());
        Run show = run("tickets", "show", "T-1");
        assertTrue(show.out().contains("T-1 (question) for information-governance: answered"), show.out());
        assertTrue(show.out().contains("reply: Yes: use the DPIA form."), show.out());
        assertTrue(show.out().contains("claimed by ig-sam (open -> claimed)"), show.out());
        assertEquals(0, run("tickets", "close", "T-1", "--by", "u-jo").exit());
        assertTrue(run("tickets", "list", "--state", "closed").out().startsWith("T-1"));
        assertEquals(1, run("tickets", "show", "T-9").exit());

        // the reply to the requester waits in the outbox; the bundled routing table only shows the team's
        // e-mail address, so there is no post to the team
        Run outbox = run("outbox", "list", "--status", "pending");
        assertTrue(outbox.out().contains("requester:teams"), outbox.out());
        assertFalse(outbox.out().contains("information-governance"), outbox.out());
    }

    @Test
    void anExceptionRequestGoesToExceptions() {
        Run opened = run("escalate", "--requester", "u-ali", "--ai-use", "a public transcription service",
                "--data", "anonymised interviews", "--why", "no private service does Welsh", "--for", "six months",
                "I need an exception to use a public AI tool");
        assertEquals(0, opened.exit(), opened.err());
        assertEquals("Opened T-1 for exceptions.", opened.out().strip());
        assertTrue(run("tickets", "show", "1").out().contains("exception request: AI use: a public transcription service"));

        Run noDate = run("exceptions", "decide", "T-1", "--by", "dvc", "--agreed");
        assertEquals(1, noDate.exit());
        assertEquals("policybot: an agreed exception needs a review date", noDate.err().strip());
        Run decided = run("exceptions", "decide", "T-1", "--by", "dvc", "--agreed", "--review-on", "2026-09-01",
                "--conditions", "delete recordings after transcription");
        assertEquals(0, decided.exit(), decided.err());
        assertEquals("register entry 1: agreed, review on 2026-09-01", decided.out().strip());
        assertEquals("no exceptions", run("exceptions", "list", "--due", "2026-08-31").out().strip());
        Run due = run("exceptions", "list", "--due", "2026-09-01", "--json");
        assertTrue(due.out().contains("\"review_on\":\"2026-09-01\""), due.out());
        assertTrue(due.out().contains("\"ai_use\":\"a public transcription service\""), due.out());
    }

    @Test
    void aBadSettingIsAStartUpErrorThatNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.of(Map.of("POLICYBOT_TICKET_REPOST_AFTER", "a day"), policybot.bot.routing.RoutingTable.bundled()));
        assertTrue(e.getMessage().startsWith("POLICYBOT_TICKET_REPOST_AFTER"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreSettings.lowConfidence(Map.of("POLICYBOT_REVIEW_CONFIDENCE", "2")));
        assertEquals(0.5, StoreSettings.lowConfidence(Map.of("POLICYBOT_REVIEW_CONFIDENCE", "0.5")));
        IllegalArgumentException poll = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.intervals(Map.of("POLICYBOT_OUTBOX_POLL", "PT0S")));
        assertTrue(poll.getMessage().startsWith("POLICYBOT_OUTBOX_POLL must be a positive duration"), poll.getMessage());
    }
}
