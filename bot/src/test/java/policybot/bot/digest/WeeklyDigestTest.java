package policybot.bot.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.digest.WeeklyDigest.TeamTickets;
import policybot.bot.digest.WeeklyDigest.UnansweredWording;
import policybot.bot.outbox.OutboxEvent;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.MutableClock;
import policybot.bot.store.TestStore;

/** The digest's figures and words from a seeded store and a fixed clock, on both kinds of store. */
class WeeklyDigestTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String EXPECTED = """
            PolicyBot weekly digest, 2026-W48
            Policy v1.2 \u00b7 Mon 16 Nov 2026 09:00 to Mon 23 Nov 2026 09:00 (Europe/London)

            Questions
              Mon 16 Nov to Sun 22 Nov: 11 questions asked; 7 answered from the policy, 3 not covered by it.
              Answer rate: 70% of policy questions answered from the policy.

            Unanswered questions
              3 wordings waiting for review were asked this week, 2 of them for the first time:
              1. "Can [email] use Copilot to mark essays from student [id-number]?" (asked 3 times; new this week)
              2. "Can I use Copilot to mark essays?" (asked twice; first asked 10 Nov 2026)
              3. "Is Otter fine for recording meetings?" (asked once; new this week)
              The policy team covered 1 and dismissed 1 this week.

            Tickets
              3 opened and 2 resolved this week; 3 waiting for a specialist team.
              Information Governance Service: 2 waiting (1 not claimed), oldest 21 days.
              IT Security Team: 1 waiting (1 not claimed), oldest 2 days.
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-01T00:00:00Z");

    private DigestSeed seeded(TestStore kind) {
        return new DigestSeed(kind.open(dir), clock).week();
    }

    private WeeklyDigests digests(DigestSeed seed, DigestSettings settings) {
        return new WeeklyDigests(seed.db, RoutingTable.bundled(), () -> "1.2", settings, clock);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void theWeeksFiguresFromTheStore(TestStore kind) {
        DigestSeed seed = seeded(kind);
        WeeklyDigest d = digests(seed, DigestSettings.DEFAULT).thisWeek();

        assertEquals("2026-W48", d.week());
        assertEquals(Instant.parse("2026-11-16T09:00:00Z"), d.from());
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), d.until());
        assertEquals("1.2", d.policyVersion());
        assertEquals(new WeeklyDigest.Questions(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-22"), 11, 7, 3),
                d.questions());
        assertEquals(70, d.questions().answerRatePercent().orElseThrow());

        assertEquals(3, d.review().wordings());
        assertEquals(2, d.review().newWordings());
        assertEquals(1, d.review().covered());
        assertEquals(1, d.review().dismissed());
        assertEquals(List.of(
                        new UnansweredWording("Can [email] use Copilot to mark essays from student [id-number]?", 3, 3, 0, 0,
                                Instant.parse("2026-11-17T10:00:00Z"), Instant.parse("2026-11-17T10:00:00Z"), true),
                        new UnansweredWording("Can I use Copilot to mark essays?", 2, 2, 0, 0,
                                Instant.parse(DigestSeed.BEFORE_THE_WEEK), Instant.parse("2026-11-18T10:00:00Z"), false),
                        new UnansweredWording("Is Otter fine for recording meetings?", 1, 0, 1, 0,
                                Instant.parse("2026-11-18T10:00:00Z"), Instant.parse("2026-11-18T10:00:00Z"), true)),
                d.review().top());

        assertEquals(3, d.tickets().opened());
        assertEquals(2, d.tickets().resolved(), "answered in the week, and closed without an answer in the week");
        assertEquals(List.of(
                new TeamTickets("information-governance", "Information Governance Service", 2, 1,
                        Instant.parse("2026-11-02T09:00:00Z"), Duration.ofDays(21)),
                new TeamTickets("it-security", "IT Security Team", 1, 1, Instant.parse("2026-11-20T10:00:00Z"),
                        Duration.ofHours(71))), d.tickets().byTeam());
        assertEquals(3, d.tickets().waiting());
        assertEquals(null, d.adminUrl());

        assertEquals(EXPECTED, DigestText.render(d));
    }

    @Test
    void theSameStoreAndClockGiveTheSameBytesAndThePayloadCarriesTheDigestWhole() throws Exception {
        DigestSeed seed = seeded(TestStore.SQLITE);
        WeeklyDigests digests = digests(seed, DigestSettings.DEFAULT.withPublicUrl(URI.create("https://policybot.example.ac.uk/")));
        WeeklyDigest d = digests.thisWeek();
        String payload = DigestPayload.write(d);
        assertEquals(payload, DigestPayload.write(digests.thisWeek()));

        JsonNode root = JSON.readTree(payload);
        assertEquals("digest.weekly", root.path("event").asText());
        assertEquals(EXPECTED + "\nReview console: https://policybot.example.ac.uk/admin\n", root.path("text").asText());
        JsonNode n = root.path("digest");
        assertEquals("2026-W48", n.path("week").asText());
        assertEquals(0.7, n.path("questions").path("answer_rate").asDouble());
        assertEquals(3, n.path("unanswered").path("wordings").asInt());
        assertEquals("Can [email] use Copilot to mark essays from student [id-number]?",
                n.path("unanswered").path("top").get(0).path("wording").asText());
        assertEquals(21 * 86_400, n.path("tickets").path("by_team").get(0).path("oldest_age_seconds").asLong());
        assertEquals("https://policybot.example.ac.uk/admin", n.path("admin_url").asText());

        // what a delivery reads back is the digest that was written
        OutboxEvent event = OutboxEvent.read(payload);
        assertEquals(new OutboxEvent.Digest(d), event);
    }

    @Test
    void noPersonalDataReachesTheDigestNotEvenFromARowKeptBeforeARedactionRule() {
        DigestSeed seed = seeded(TestStore.SQLITE);
        // as if kept by an older version that did not know phone numbers
        seed.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO review_items (wording_key, example, latest_question, answer_kind, "
                    + "answer_text, confidence, occurrences, no_answer_count, first_seen, last_seen, status) "
                    + "VALUES ('bard call', 'Call me on 07700 900123 about Bard', 'x', 'no_answer', 'x', 0, 9, 9, ?, ?, 'new')")) {
                ps.setLong(1, Instant.parse("2026-11-19T10:00:00Z").toEpochMilli());
                ps.setLong(2, Instant.parse("2026-11-19T10:00:00Z").toEpochMilli());
                return ps.executeUpdate();
            }
        });
        String payload = DigestPayload.write(digests(seed, DigestSettings.DEFAULT).thisWeek());
        assertTrue(payload.contains("1. \\\"Call me on [phone] about Bard\\\" (asked 9 times; new this week)"), payload);
        for (String personal : List.of("07700", "jo.bloggs", "2301234", "jo@uni.ac.uk", "My own words")) {
            assertFalse(payload.contains(personal), personal + " in " + payload);
        }
    }

    @Test
    void onlyTheTopWordingsAreNamedAndTheRestCounted() {
        WeeklyDigest d = digests(seeded(TestStore.SQLITE), DigestSettings.DEFAULT.withTop(2)).thisWeek();
        assertEquals(2, d.review().top().size());
        String text = DigestText.render(d);
        assertTrue(text.contains("  2. \"Can I use Copilot to mark essays?\" (asked twice; first asked 10 Nov 2026)\n"
                + "  and 1 more in the review console.\n"), text);
        assertFalse(text.contains("Otter"), text);
    }

    @Test
    void aPreviewBeforeTheScheduledTimeCoversTheWeekSoFarAndAnEmptyStoreSaysSo() {
        DigestSeed seed = new DigestSeed(TestStore.SQLITE.open(dir), clock);
        seed.at("2026-11-23T08:15:00Z");
        WeeklyDigest d = digests(seed, DigestSettings.DEFAULT).thisWeek();
        assertEquals("2026-W48", d.week());
        assertEquals(Instant.parse("2026-11-23T08:15:00Z"), d.until(), "up to now, not to a time still to come");
        String text = DigestText.render(d);
        assertTrue(text.contains("  Mon 16 Nov to Sun 22 Nov: 0 questions asked; 0 answered from the policy, 0 not covered by it.\n"
                + "  Answer rate: no policy questions were asked.\n"), text);
        assertTrue(text.contains("  No unanswered questions are waiting for review.\n"), text);
        assertTrue(text.endsWith("  0 opened and 0 resolved this week; 0 waiting for a specialist team.\n"), text);
    }

    @Test
    void ticketAgesRoundDown() {
        assertEquals("under an hour", DigestText.age(Duration.ofMinutes(59)));
        assertEquals("1 hour", DigestText.age(Duration.ofMinutes(119)));
        assertEquals("23 hours", DigestText.age(Duration.ofHours(24).minusSeconds(1)));
        assertEquals("1 day", DigestText.age(Duration.ofHours(47)));
        assertEquals("9 days", DigestText.age(Duration.ofDays(9).plusHours(23)));
    }

    @Test
    void weeksAreIsoWeeksInTheSchedulesZone() {
        DigestSettings london = DigestSettings.DEFAULT;
        // 2026 has 53 ISO weeks; 1 Jan 2027 is a Friday of 2026's last week
        assertEquals("2026-W53", DigestWeek.of(Instant.parse("2027-01-01T12:00:00Z"), london).label());
        assertEquals("2027-W01", DigestWeek.of(Instant.parse("2027-01-04T00:00:00Z"), london).label());
        // Sunday 23:30 UTC is already Monday in Auckland
        DigestSettings auckland = london.withZone("Pacific/Auckland");
        assertEquals("2026-W47", DigestWeek.of(Instant.parse("2026-11-22T23:30:00Z"), london).label());
        assertEquals("2026-W48", DigestWeek.of(Instant.parse("2026-11-22T23:30:00Z"), auckland).label());
        // the clocks went forward on 29 Mar 2026: Monday 09:00 in London is 08:00 UTC
        DigestWeek summer = DigestWeek.of(Instant.parse("2026-03-31T12:00:00Z"), london);
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), summer.scheduled().toInstant());
        assertEquals(Instant.parse("2026-03-23T09:00:00Z"), summer.previous().toInstant());
        assertFalse(summer.dueAt(Instant.parse("2026-03-30T07:59:59Z")));
        assertTrue(summer.dueAt(Instant.parse("2026-03-30T08:00:00Z")));
        // a Friday schedule is in the same ISO week
        DigestWeek friday = DigestWeek.of(Instant.parse("2026-11-23T09:00:00Z"), london.withSchedule("FRI 16:30"));
        assertEquals(Instant.parse("2026-11-27T16:30:00Z"), friday.scheduled().toInstant());
        assertEquals(ZoneId.of("Europe/London"), friday.scheduled().getZone());
    }
}
