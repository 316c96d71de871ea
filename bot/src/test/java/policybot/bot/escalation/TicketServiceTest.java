package policybot.bot.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.Sql;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

class TicketServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TicketSettings SETTINGS = new TicketSettings(Duration.ofHours(4), Duration.ofDays(7));
    private static final List<Citation> CITED = List.of(new Citation("2.2", "Policy Details > 2) Legality",
            "not upload any personal data (as defined by GDPR) to public AI services", 7.31));

    @TempDir
    Path dir;

    private Database db;
    private MutableClock clock;
    private Outbox outbox;
    private TicketService tickets;

    private void setUp(TestStore kind, TeamDestinations destinations) {
        db = kind.open(dir);
        clock = MutableClock.at("2026-03-02T09:00:00Z");
        outbox = new Outbox(db, clock);
        tickets = new TicketService(db, outbox, RoutingTable.bundled(), destinations, SETTINGS, clock);
    }

    private void setUp(TestStore kind) {
        setUp(kind, key -> List.of("slack:#" + key, "webhook:service-desk"));
    }

    private static Escalation escalation(String team) {
        return new Escalation("u-jo", "slack", "https://slack.example/archives/C1/p1", "Who do I ask about a DPIA for jo@uni.ac.uk?",
                team, "The Information Governance Service advises on DPIAs.", CITED, "1.2", null);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void openingATicketPostsItToEachOfTheTeamsDestinationsInTheSameTransaction(TestStore kind) throws Exception {
        setUp(kind);
        Ticket t = tickets.open(escalation("information-governance"));

        assertEquals(TicketState.OPEN, t.state());
        assertEquals("T-" + t.id(), t.reference());
        assertEquals(CITED, t.citations());
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), t.createdAt());
        List<OutboxItem> posts = outbox.list(OutboxStatus.PENDING, 10);
        assertEquals(List.of("slack:#information-governance", "webhook:service-desk"),
                posts.stream().map(OutboxItem::destination).toList());
        JsonNode payload = JSON.readTree(posts.get(0).payload());
        assertEquals("ticket.opened", payload.get("event").asText());
        assertEquals("Information Governance Service", payload.at("/ticket/team_name").asText());
        // the assigned team gets the requester's own words
        assertEquals("Who do I ask about a DPIA for jo@uni.ac.uk?", payload.at("/ticket/question").asText());
        assertEquals("2.2", payload.at("/ticket/answer/citations/0/clause").asText());
        assertEquals("1.2", payload.at("/ticket/policy_version").asText());
        assertEquals(List.of("opened"), tickets.history(t.id()).stream().map(TicketEvent::type).toList());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aTicketWhosePostCannotBeWrittenIsNotOpened(TestStore kind) {
        setUp(kind, key -> List.of("slack:#ok", " "));
        assertThrows(IllegalArgumentException.class, () -> tickets.open(escalation("dts")));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM tickets"));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM outbox"));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM ticket_events"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anUnknownTeamIsRefused(TestStore kind) {
        setUp(kind);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tickets.open(escalation("hr")));
        assertTrue(e.getMessage().contains("hr"), e.getMessage());
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM tickets"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void goesFromOpenToClosedWithWhoAndWhenOfEveryChange(TestStore kind) throws Exception {
        setUp(kind);
        long id = tickets.open(escalation("information-governance")).id();
        clock.advance(Duration.ofMinutes(30));
        Ticket claimed = tickets.claim(id, "ig-sam");
        assertEquals(TicketState.CLAIMED, claimed.state());
        assertEquals("ig-sam", claimed.claimedBy());
        assertEquals(Instant.parse("2026-03-02T09:30:00Z"), claimed.claimedAt());

        clock.advance(Duration.ofHours(1));
        Ticket answered = tickets.reply(id, "ig-sam", "Yes, you need a DPIA; use the form on the IG pages.");
        assertEquals(TicketState.ANSWERED, answered.state());
        assertEquals("Yes, you need a DPIA; use the form on the IG pages.", answered.reply());

        // the reply is on its way to the requester, in the channel they asked from
        List<OutboxItem> toRequester = outbox.list(OutboxStatus.PENDING, 10).stream()
                .filter(i -> i.destination().equals("requester:slack")).toList();
        assertEquals(1, toRequester.size());
        JsonNode reply = JSON.readTree(toRequester.get(0).payload());
        assertEquals("u-jo", reply.get("requester").asText());
        assertEquals("https://slack.example/archives/C1/p1", reply.get("conversation_link").asText());
        assertEquals("ig-sam", reply.get("answered_by").asText());

        clock.advance(Duration.ofMinutes(5));
        Ticket closed = tickets.close(id, "u-jo", "thanks");
        assertEquals(TicketState.CLOSED, closed.state());

        List<TicketEvent> history = tickets.history(id);
        assertEquals(List.of("opened", "claimed", "answered", "closed"), history.stream().map(TicketEvent::type).toList());
        assertEquals(List.of("u-jo", "ig-sam", "ig-sam", "u-jo"), history.stream().map(TicketEvent::actor).toList());
        assertNull(history.get(0).from());
        assertEquals(TicketState.ANSWERED, history.get(3).from());
        assertEquals(TicketState.CLOSED, history.get(3).to());
        assertEquals(Instant.parse("2026-03-02T10:35:00Z"), history.get(3).at());
        assertEquals("thanks", history.get(3).note());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void refusesIllegalTransitionsAndChangesNothing(TestStore kind) {
        setUp(kind);
        long id = tickets.open(escalation("dts")).id();
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> tickets.reply(id, "dts-kim", "an answer before anyone claimed it"));
        assertEquals("ticket T-" + id + " is open: it cannot be answered (only a ticket that is answered or claimed can)",
                e.getMessage());
        assertThrows(IllegalTransitionException.class, () -> tickets.reopen(id, "u-jo", null));

        tickets.claim(id, "dts-kim");
        assertThrows(IllegalTransitionException.class, () -> tickets.claim(id, "dts-lee"));
        tickets.close(id, "dts-kim", "duplicate of T-1");
        assertThrows(IllegalTransitionException.class, () -> tickets.close(id, "dts-kim", null));
        assertThrows(IllegalTransitionException.class, () -> tickets.claim(id, "dts-kim"));

        Ticket t = tickets.get(id);
        assertEquals(TicketState.CLOSED, t.state());
        assertEquals("dts-kim", t.claimedBy());
        assertEquals(3, tickets.history(id).size());
        assertThrows(TicketNotFoundException.class, () -> tickets.claim(id + 100, "dts-kim"));
        assertThrows(IllegalArgumentException.class, () -> tickets.claim(id, " "));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void reopeningSendsTheTicketBackToTheTeam(TestStore kind) throws Exception {
        setUp(kind, key -> List.of("team:" + key));
        long id = tickets.open(escalation("legal-services")).id();
        tickets.claim(id, "legal-ann");
        tickets.reply(id, "legal-ann", "Copyright stays with the author.");
        tickets.close(id, "u-jo", null);
        Ticket reopened = tickets.reopen(id, "u-jo", "but what about the publisher?");
        assertEquals(TicketState.OPEN, reopened.state());
        assertNull(reopened.claimedBy());
        assertNull(reopened.closedAt());

        List<OutboxItem> posts = outbox.list(OutboxStatus.PENDING, 10).stream()
                .filter(i -> i.destination().equals("team:legal-services")).toList();
        assertEquals(2, posts.size());
        JsonNode again = JSON.readTree(posts.get(1).payload());
        assertEquals("ticket.reopened", again.get("event").asText());
        assertEquals("but what about the publisher?", again.get("note").asText());
        assertEquals("open", again.at("/ticket/state").asText());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void theSweepRepostsAndFlagsUnclaimedTicketsOncePerInterval(TestStore kind) throws Exception {
        setUp(kind, key -> List.of("team:" + key));
        long late = tickets.open(escalation("it-security")).id();
        clock.advance(Duration.ofHours(1));
        long taken = tickets.open(escalation("it-security")).id();
        tickets.claim(taken, "sec-max");

        clock.advance(Duration.ofHours(2).plusMinutes(59));
        assertEquals(new SweepReport(List.of(), List.of()), tickets.sweep());

        clock.advance(Duration.ofMinutes(1)); // 4 h after it was opened
        assertEquals(new SweepReport(List.of(late), List.of()), tickets.sweep());
        assertEquals(new SweepReport(List.of(), List.of()), tickets.sweep()); // not twice for one interval
        Ticket t = tickets.get(late);
        assertTrue(t.flagged());
        assertEquals(1, t.reposts());
        List<OutboxItem> posts = outbox.list(OutboxStatus.PENDING, 10).stream()
                .filter(i -> i.payload().contains("\"id\":" + late + ",")).toList();
        assertEquals(List.of("ticket.opened", "ticket.reposted"), posts.stream().map(p -> event(p)).toList());
        assertTrue(JSON.readTree(posts.get(1).payload()).at("/ticket/flagged").asBoolean());
        TicketEvent reposted = tickets.history(late).get(1);
        assertEquals("reposted", reposted.type());
        assertEquals(TicketService.SYSTEM, reposted.actor());

        clock.advance(Duration.ofHours(4));
        assertEquals(new SweepReport(List.of(late), List.of()), tickets.sweep());
        assertEquals(2, tickets.get(late).reposts());

        Ticket claimedLate = tickets.claim(late, "sec-max");
        assertFalse(claimedLate.flagged());
        clock.advance(Duration.ofDays(1));
        assertEquals(new SweepReport(List.of(), List.of()), tickets.sweep());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void answeredTicketsCloseThemselvesUnlessReopened(TestStore kind) {
        setUp(kind);
        long quiet = tickets.open(escalation("digital-skills")).id();
        long unhappy = tickets.open(escalation("digital-skills")).id();
        for (long id : List.of(quiet, unhappy)) {
            tickets.claim(id, "skills-pat");
            tickets.reply(id, "skills-pat", "There is a course on prompting in the staff catalogue.");
        }
        clock.advance(Duration.ofDays(3));
        tickets.reopen(unhappy, "u-jo", "the course is full");

        clock.advance(Duration.ofDays(4).minusSeconds(1));
        assertEquals(List.of(), tickets.sweep().autoClosed());
        clock.advance(Duration.ofSeconds(1)); // 7 days after the reply
        assertEquals(List.of(quiet), tickets.sweep().autoClosed());
        assertEquals(TicketState.CLOSED, tickets.get(quiet).state());
        assertEquals(TicketState.OPEN, tickets.get(unhappy).state());
        TicketEvent last = tickets.history(quiet).getLast();
        assertEquals("auto-closed", last.type());
        assertEquals(TicketService.SYSTEM, last.actor());
        assertEquals(List.of(), tickets.sweep().autoClosed());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anExceptionRequestGoesToExceptionsAndItsOutcomeToTheRegister(TestStore kind) throws Exception {
        setUp(kind);
        Answer escalated = new Answer("q1", AnswerKind.ESCALATION, null, "exceptions", 0.9,
                "An exception request goes to the DVC (Strategy and Operations).", CITED, "1.2", null);
        Question q = new Question("q1", "I need to use a public AI tool on anonymised survey data", "u-ali", "teams", null);
        ExceptionRequest request = new ExceptionRequest("transcribe interviews with a public AI service",
                "anonymised survey answers", "no private service transcribes Welsh", "until the end of the project (June 2027)");
        Ticket t = tickets.open(Escalation.of(q, escalated, "u-ali", "https://teams.example/l/message/1")
                .withExceptionRequest(request));
        assertEquals("exceptions", t.team());
        assertEquals(TicketKind.EXCEPTION_REQUEST, t.kind());
        assertEquals(request, t.exceptionRequest());
        JsonNode payload = JSON.readTree(outbox.list(OutboxStatus.PENDING, 10).get(0).payload());
        assertEquals("anonymised survey answers", payload.at("/ticket/exception_request/data_involved").asText());

        assertThrows(IllegalArgumentException.class, () -> new Escalation("u", "cli", null, "q", "dts", null, List.of(),
                "1.2", request), "an exception request must go to exceptions");

        tickets.claim(t.id(), "dvc-office");
        RegisteredException entry = tickets.decideException(t.id(), "dvc-office",
                new ExceptionOutcome.Agreed("transcripts deleted after analysis", LocalDate.parse("2026-09-01"),
                        LocalDate.parse("2027-06-30")));
        assertEquals("agreed", entry.outcome());
        assertEquals(request, entry.request());
        assertEquals(t.id(), entry.ticketId());
        assertEquals("u-ali", entry.requester());

        ExceptionsRegister register = new ExceptionsRegister(db, clock);
        assertEquals(List.of(), register.dueForReview(LocalDate.parse("2026-08-31")));
        assertEquals(List.of(entry.id()), register.dueForReview(LocalDate.parse("2026-09-01")).stream()
                .map(RegisteredException::id).toList());
        register.reviewed(entry.id(), LocalDate.parse("2027-03-01"));
        assertEquals(List.of(), register.dueForReview(LocalDate.parse("2026-12-31")));
        assertEquals(LocalDate.parse("2027-03-01"), register.list().get(0).reviewOn());
        assertEquals("exception-agreed", tickets.history(t.id()).getLast().type());

        long plain = tickets.open(escalation("dts")).id();
        assertThrows(IllegalArgumentException.class, () -> tickets.decideException(plain, "dvc-office",
                new ExceptionOutcome.Refused("not an exception")));
        assertThrows(IllegalArgumentException.class, () -> new ExceptionOutcome.Agreed(null, null, null));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void listsByStateAndTeam(TestStore kind) {
        setUp(kind);
        long a = tickets.open(escalation("dts")).id();
        long b = tickets.open(escalation("dts")).id();
        long c = tickets.open(escalation("legal-services")).id();
        tickets.claim(b, "dts-kim");
        assertEquals(List.of(c, b, a), tickets.list(null, null).stream().map(Ticket::id).toList());
        assertEquals(List.of(a), tickets.list(TicketState.OPEN, "dts").stream().map(Ticket::id).toList());
        assertEquals(List.of(b), tickets.list(TicketState.CLAIMED, null).stream().map(Ticket::id).toList());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void twoInstancesClaimingOneTicketAtOnceGiveItToOneAndSweepItOnce(TestStore kind) throws Exception {
        StoreConfig config = kind.config(dir);
        clock = MutableClock.at("2026-03-02T09:00:00Z");
        List<TicketService> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Database own = Database.open(config);
            instances.add(new TicketService(own, new Outbox(own, clock), RoutingTable.bundled(),
                    key -> List.of("team:" + key), SETTINGS, clock));
        }
        int rounds = 10;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ids.add(instances.get(0).open(escalation("dts")).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int claimed = 0;
        int refused = 0;
        for (long id : ids) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TicketService service = instances.get(i);
                String who = "dts-" + i;
                attempts.add(pool.submit(() -> {
                    go.await();
                    try {
                        service.claim(id, who);
                        return true;
                    } catch (IllegalTransitionException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            for (Future<Boolean> f : attempts) {
                if (f.get(30, TimeUnit.SECONDS)) {
                    claimed++;
                } else {
                    refused++;
                }
            }
            assertEquals(2, instances.get(0).history(id).size(), "opened and claimed once");
        }
        assertEquals(rounds, claimed);
        assertEquals(rounds, refused);

        // concurrent sweeps re-post a ticket once
        long late = instances.get(0).open(escalation("dts")).id();
        clock.advance(SETTINGS.repostUnclaimedAfter());
        List<Future<SweepReport>> sweeps = new ArrayList<>();
        for (TicketService service : instances) {
            sweeps.add(pool.submit(service::sweep));
        }
        List<Long> reposted = new ArrayList<>();
        for (Future<SweepReport> f : sweeps) {
            reposted.addAll(f.get(30, TimeUnit.SECONDS).reposted());
        }
        pool.shutdown();
        assertEquals(List.of(late), reposted);
        assertEquals(1, instances.get(0).get(late).reposts());
    }

    private static String event(OutboxItem item) {
        try {
            return JSON.readTree(item.payload()).get("event").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
