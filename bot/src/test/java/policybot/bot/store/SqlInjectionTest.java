package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.Question;
import policybot.bot.TestBots;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionOutcome;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.ExceptionsRegister;
import policybot.bot.escalation.RegisteredException;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketEvent;
import policybot.bot.escalation.TicketService;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.escalation.TicketState;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.redaction.Redactor;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;

/**
 * SQL injection through every text field that reaches the store: the requester, channel, link,
 * question, answer, citations, policy version, the exception request's four fields, who claimed,
 * replied, closed, reopened and decided and their notes and reply, the decision's conditions, a
 * question for review, a feedback reason, who covered or dismissed a wording and why, and the
 * user id of a data subject's export and erasure. Each hostile text is stored, read back
 * unchanged, and leaves every table, every other row and the schema as they were; erasing the
 * person "%" or "' OR '1'='1" erases that person only.
 */
class SqlInjectionTest {
    static final List<String> HOSTILE = List.of(
            "'; DROP TABLE tickets; --",
            "' OR '1'='1",
            "Robert'); DELETE FROM feedback; --",
            "\\'; DROP TABLE review_items; --",
            "x'; UPDATE tickets SET state = 'closed' WHERE '1'='1",
            "$$; DROP TABLE outbox; $$",
            "%",
            "_",
            "\" OR \"\"=\"",
            "*/ DROP TABLE exceptions_register; /*",
            "'||(SELECT name FROM sqlite_master LIMIT 1)||'",
            "'); SELECT pg_sleep(5); --",
            "\u2019; DROP TABLE ticket_events; --",
            "'; ATTACH DATABASE '/tmp/pwned.db' AS p; --",
            "E'\\\\x27'; COPY tickets TO '/tmp/out'; --");
    static final List<String> TABLES = List.of("tickets", "ticket_events", "review_items", "feedback", "outbox",
            "exceptions_register", "answer_log", "policy_versions", "alternate_questions", "claimed_keys",
            "flyway_schema_history");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Every migration the project ships, all still applied after the hostile text went in. */
    static final int MIGRATIONS = migrations();

    private static int migrations() {
        try {
            var dir = java.nio.file.Path.of(SqlInjectionTest.class.getClassLoader().getResource("db/migration").toURI());
            try (var files = java.nio.file.Files.list(dir)) {
                return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the migrations", e);
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void hostileTextInEveryFieldIsStoredReadBackIntactAndHarmsNothing(TestStore kind) throws Exception {
        Database db = kind.open(dir);
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        Outbox outbox = new Outbox(db, clock);
        TicketService tickets = new TicketService(db, outbox, RoutingTable.bundled(), team -> List.of("webhook:desk"),
                TicketSettings.DEFAULT, clock);
        ReviewQueue review = new ReviewQueue(db, Redactor.standard(), 0.65, clock);
        ExceptionsRegister register = new ExceptionsRegister(db, clock);
        Answer uncovered = TestBots.bundled().answer(Question.of("how do I bake sourdough bread?"));
        assertEquals(AnswerKind.NO_ANSWER, uncovered.kind());

        Ticket control = tickets.open(new Escalation("u-control", "slack", "https://uni.slack.com/archives/C1/p1",
                "Who approves exceptions?", "exceptions", "The DVC.", List.of(), "1.2", null));
        Map<String, Long> ticketOf = new LinkedHashMap<>();
        Map<String, Long> feedbackOf = new LinkedHashMap<>();
        Map<String, RegisteredException> decisionOf = new LinkedHashMap<>();
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String p = HOSTILE.get(i);
            Ticket t = tickets.open(new Escalation(p, p, p, p, "exceptions", p, List.of(new Citation("2.2", p, p, 1.0)), p,
                    new ExceptionRequest(p, p, p, p)));
            ticketOf.put(p, t.id());
            tickets.claim(t.id(), p);
            tickets.reply(t.id(), p, p);
            tickets.close(t.id(), p, p);
            tickets.reopen(t.id(), p, p);
            decisionOf.put(p, tickets.decideException(t.id(), p, new ExceptionOutcome.Agreed(p, LocalDate.of(2026, 9, 1), null)));
            // a distinct wording each, so that each is a review item of its own
            String question = "sourdough " + "abcdefghijklmnopqrstuvwxyz".substring(i, i + 3) + " " + p;
            questions.add(question);
            Question q = new Question(p, question, p, p, p);
            review.record(q, uncovered);
            feedbackOf.put(p, review.feedback(q, uncovered, false, p));
        }
        List<ReviewItem> items = review.list(null);
        assertEquals(HOSTILE.size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            String p = HOSTILE.get(i % HOSTILE.size());
            if (i % 2 == 0) {
                review.markCovered(items.get(i).id(), p, p);
            } else {
                review.dismiss(items.get(i).id(), p, p);
            }
        }

        // every table is there, with exactly the rows it should have
        for (String table : TABLES) {
            assertTrue(Sql.count(db, "SELECT COUNT(*) FROM " + table) >= 0, table);
        }
        assertEquals(1 + HOSTILE.size(), Sql.count(db, "SELECT COUNT(*) FROM tickets"));
        assertEquals(HOSTILE.size(), Sql.count(db, "SELECT COUNT(*) FROM feedback"));
        assertEquals(HOSTILE.size(), Sql.count(db, "SELECT COUNT(*) FROM exceptions_register"));
        assertEquals(1 + 6 * HOSTILE.size(), Sql.count(db, "SELECT COUNT(*) FROM ticket_events"));
        assertEquals(MIGRATIONS, Sql.count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = ?",
                kind == TestStore.SQLITE ? (Object) 1 : (Object) Boolean.TRUE));
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM tickets WHERE state = 'closed'"), "no UPDATE ran");

        // each hostile text read back exactly as it was written, in every field
        Redactor redactor = Redactor.standard();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String p = HOSTILE.get(i);
            Ticket t = tickets.get(ticketOf.get(p));
            assertEquals(List.of(p, p, p, p, p, p, p), java.util.Arrays.asList(t.requester(), t.channel(), t.conversationLink(),
                    t.question(), t.answerText(), t.policyVersion(), t.reply()), p);
            assertEquals(new ExceptionRequest(p, p, p, p), t.exceptionRequest());
            assertEquals(new Citation("2.2", p, p, 1.0), t.citations().get(0));
            assertEquals(TicketState.OPEN, t.state(), "reopened, so nobody has it now");
            assertEquals(List.of("opened", "claimed", "answered", "closed", "reopened", "exception-agreed"),
                    tickets.history(t.id()).stream().map(TicketEvent::type).toList());
            for (TicketEvent e : tickets.history(t.id())) {
                assertEquals(p, e.actor(), e.type());
                if (List.of("released", "closed", "reopened").contains(e.type())) {
                    assertEquals(p, e.note(), e.type());
                }
            }
            RegisteredException x = register.find(decisionOf.get(p).id()).orElseThrow();
            assertEquals(List.of(p, p, p), List.of(x.requester(), x.conditions(), x.decidedBy()));
            assertEquals(new ExceptionRequest(p, p, p, p), x.request());
            String reason = db.read(c -> {
                try (var s = c.prepareStatement("SELECT reason FROM feedback WHERE id = ?")) {
                    s.setLong(1, feedbackOf.get(p));
                    try (var r = s.executeQuery()) {
                        r.next();
                        return r.getString(1);
                    }
                }
            });
            assertEquals(redactor.redact(p), reason);
            assertEquals(p, reason, "nothing in these texts is personal data to redact");
            final int n = i;
            ReviewItem item = items.stream().filter(it -> it.latestQuestion().equals(questions.get(n))).findFirst()
                    .orElseThrow(() -> new AssertionError("the review item of " + p));
            ReviewItem now = review.find(item.id()).orElseThrow();
            assertEquals(List.of(p, p), List.of(now.resolution().replace("clause ", ""), now.resolvedBy()), p);
            assertEquals(2, now.occurrences(), "asked, then marked not helpful");
        }
        Ticket controlNow = tickets.get(control.id());
        assertEquals(control.question(), controlNow.question());
        assertEquals("u-control", controlNow.requester());
        assertEquals(TicketState.OPEN, controlNow.state());

        // the data subject's requests take the user id as data: "%" is the person called "%"
        PrivacyRequests privacy = new PrivacyRequests(db);
        for (String p : HOSTILE) {
            JsonNode export = JSON.readTree(privacy.export(p));
            assertEquals(1, export.path("tickets").size(), p);
            assertEquals(p, export.path("tickets").get(0).path("requester").asText());
        }
        // every delivery fails for good (no delivery configured): everything in the outbox is a dead letter
        new OutboxWorker(db, Deliveries.none(), OutboxSettings.DEFAULT, clock, "test").drain();
        int outboxBefore = Sql.count(db, "SELECT COUNT(*) FROM outbox");
        int controlItems = itemsOf(db, "u-control");
        assertTrue(controlItems > 0);
        int erasedItems = 0;
        for (String p : List.of("%", "_", "' OR '1'='1")) {
            int mine = itemsOf(db, p);
            assertTrue(mine > 0, p);
            Map<String, Integer> changed = privacy.erase(p);
            assertEquals(1, changed.get("tickets"), p + ": " + changed);
            assertEquals(1, changed.get("exceptions_register"), p + ": " + changed);
            assertEquals(mine, changed.get("outbox"), p + ": " + changed);
            erasedItems += mine;
        }
        assertEquals(outboxBefore - erasedItems, Sql.count(db, "SELECT COUNT(*) FROM outbox"));
        assertEquals(controlItems, itemsOf(db, "u-control"), "another person's dead letters are kept");
        assertEquals(1 + HOSTILE.size() - 3, Sql.count(db, "SELECT COUNT(*) FROM tickets WHERE requester <> ?",
                PrivacyRequests.ERASED));
        assertEquals("u-control", tickets.get(control.id()).requester());
    }

    /** Outbox items whose payload names this requester (read and compared here, independently). */
    private static int itemsOf(Database db, String user) {
        return db.read(c -> {
            int n = 0;
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT payload FROM outbox")) {
                while (r.next()) {
                    try {
                        JsonNode root = JSON.readTree(r.getString(1));
                        if (user.equals(root.path("requester").asText(null))
                                || user.equals(root.path("ticket").path("requester").asText(null))) {
                            n++;
                        }
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return n;
        });
    }
}
