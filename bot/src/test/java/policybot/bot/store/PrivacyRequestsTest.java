package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.answer.Citation;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.TicketService;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.outbox.Outbox;
import policybot.bot.routing.RoutingTable;

class PrivacyRequestsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aPersonsTicketsAreExportedThenErasedAndOthersAreLeftAlone(TestStore kind) {
        Database db = kind.open(dir);
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        TicketService tickets = new TicketService(db, new Outbox(db, clock), RoutingTable.bundled(),
                key -> List.of("webhook:desk"), new TicketSettings(Duration.ofHours(4), Duration.ofDays(7)), clock);
        List<Citation> cited = List.of(new Citation("2.2", "Policy Details > 2) Legality", "not upload any personal data", 1));
        long mine = tickets.open(new Escalation("u-sam", "web", "https://chat/1", "Can I put Sam's CV into Gemini?",
                "information-governance", "Not allowed.", cited, "1.2", null)).id();
        long theirs = tickets.open(new Escalation("u-alex", "web", null, "Who approves exceptions?",
                "exceptions", "The DVC.", cited, "1.2", null)).id();
        tickets.claim(theirs, "u-sam");

        PrivacyRequests privacy = new PrivacyRequests(db);
        String export = privacy.export("u-sam");
        assertTrue(export.contains("Can I put Sam's CV into Gemini?"), export);
        assertTrue(export.contains("\"ticket_changes_made\""), export);
        assertFalse(export.contains("Who approves exceptions?"), "another person's ticket is not exported");

        var changed = privacy.erase("u-sam");
        assertEquals(1, changed.get("tickets"));
        assertTrue(changed.get("ticket_events") >= 1);
        String after = privacy.export("u-sam");
        assertFalse(after.contains("Can I put Sam"), after);
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM tickets WHERE question LIKE '%Sam%'"));
        assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM tickets WHERE id = ? AND requester = '[erased]'", mine));
        assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM tickets WHERE requester = 'u-alex'"));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM ticket_events WHERE actor = 'u-sam'"));
    }
}
