package policybot.adapters.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.bot.digest.DigestSchedule;
import policybot.bot.digest.DigestSettings;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.WeeklyDigests;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreConfig;

/** {@code policybot digest --preview} and {@code --send-now} on a store and a fixed clock. */
class DigestCommandTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-24T11:00:00Z");

    private record Run(int exit, String out, String err) {
    }

    private DigestSchedule schedule(Database db, TeamDestinations destinations) {
        return new DigestSchedule(db, new Outbox(db, clock), new WeeklyDigests(db, RoutingTable.bundled(), () -> "1.2",
                DigestSettings.DEFAULT.withSchedule("off"), clock), destinations, clock);
    }

    private static Run run(DigestSchedule schedule, String... args) {
        CommandLine cli = new CommandLine(new DigestCommand(() -> schedule));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void previewPrintsThisWeeksDigestAndSendsNothing() throws Exception {
        Database db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        DigestSchedule schedule = schedule(db, key -> List.of("slack:CPOLICY01"));
        Run preview = run(schedule, "--preview");
        assertEquals(0, preview.exit(), preview.err());
        assertEquals(DigestText.render(schedule.digests().thisWeek()), preview.out());
        assertTrue(preview.out().startsWith("PolicyBot weekly digest, 2026-W48\n"
                + "Policy v1.2 \u00b7 Mon 16 Nov 2026 09:00 to Mon 23 Nov 2026 09:00 (Europe/London)\n"), preview.out());
        Run json = run(schedule, "--preview", "--json");
        assertEquals("digest.weekly", new ObjectMapper().readTree(json.out()).path("event").asText());
        assertEquals(0, new Outbox(db, clock).counts().get(OutboxStatus.PENDING), "a preview queues nothing");
    }

    @Test
    void sendNowQueuesOnceAWeekEvenWithTheScheduleOff() {
        Database db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        DigestSchedule schedule = schedule(db, key -> List.of("slack:CPOLICY01", "teams:19:owner@thread.tacv2"));
        Run first = run(schedule, "--send-now");
        assertEquals(0, first.exit(), first.err());
        assertEquals("Queued the weekly digest 2026-W48 for slack:CPOLICY01, teams:19:owner@thread.tacv2; "
                + "the server's outbox delivers it.\n", first.out());
        Run again = run(schedule, "--send-now");
        assertEquals(0, again.exit());
        assertEquals("The weekly digest 2026-W48 is already queued: nothing more was sent.\n", again.out());
        assertEquals(2, new Outbox(db, clock).counts().get(OutboxStatus.PENDING));
    }

    @Test
    void withNowhereToSendItOrNothingAskedItSaysSo() {
        Database db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        Run none = run(schedule(db, TeamDestinations.from(RoutingTable.bundled())), "--send-now");
        assertEquals(1, none.exit());
        assertEquals("policybot: the routing table gives the policy-owner team no Slack, Teams or webhook destination: "
                + "there is nowhere to send the digest (POLICYBOT_ROUTING)\n", none.err());
        assertEquals(2, run(schedule(db, key -> List.of()), new String[0]).exit(), "one of --preview or --send-now");
        assertEquals(2, run(schedule(db, key -> List.of()), "--preview", "--send-now").exit());
    }
}
