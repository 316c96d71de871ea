package policybot.bot.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.Escalations;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionOutcome;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.TicketState;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.Sql;
import policybot.bot.store.TestStore;

class RetentionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void purgesClosedTicketsOldReviewItemsAndDeliveredItemsButKeepsTheRest(TestStore kind) {
        Database db = kind.open(dir);
        MutableClock clock = MutableClock.at("2026-01-05T09:00:00Z");
        Escalations store = Escalations.on(db, RoutingTable.bundled(), Escalations.Settings.DEFAULT, clock);
        Escalation plain = new Escalation("u-jo", "web", null, "who owns this?", "policy-owner", null, List.of(), "1.2", null);

        long oldClosed = store.tickets().open(plain).id();
        store.tickets().close(oldClosed, "u-jo", "withdrawn");
        long oldException = store.tickets().open(plain.withExceptionRequest(new ExceptionRequest("x", "y", "z", "1y"))).id();
        store.tickets().claim(oldException, "dvc");
        store.tickets().decideException(oldException, "dvc", new ExceptionOutcome.Refused("too risky"));
        store.tickets().close(oldException, "dvc", null);
        long oldOpen = store.tickets().open(plain).id();
        store.review().record(new Question("q", "what is the canteen menu?", "u", "web", null),
                new Answer("q", AnswerKind.NO_ANSWER, null, null, 0, "no", List.of(), "1.2", null));
        store.outbox().enqueue("dead:letter", "{}");
        new OutboxWorker(db, item -> item.destination().startsWith("dead") ? DeliveryResult.rejected("no")
                : DeliveryResult.delivered(), OutboxSettings.DEFAULT, clock, "w").drain();

        clock.advance(Duration.ofDays(40));
        long recentClosed = store.tickets().open(plain).id();
        store.tickets().close(recentClosed, "u-jo", null);
        store.review().record(new Question("q", "where do I park?", "u", "web", null),
                new Answer("q", AnswerKind.NO_ANSWER, null, null, 0, "no", List.of(), "1.2", null));

        Retention.Purged purged = new Retention(db, clock).purge(new Retention.Policy(Duration.ofDays(30),
                Duration.ofDays(30), Duration.ofDays(30)));

        assertEquals(new Retention.Purged(2, 1, 0, 3), purged); // three posts to teams were delivered
        assertEquals(List.of(recentClosed, oldOpen), store.tickets().list(null, null).stream().map(t -> t.id()).toList());
        assertEquals(TicketState.OPEN, store.tickets().get(oldOpen).state());
        assertEquals(0, Sql.count(db, "SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ?", oldClosed));
        assertEquals(1, store.review().list(null).size());
        assertEquals(1, store.outbox().counts().get(OutboxStatus.DEAD));
        assertEquals(0, store.outbox().counts().get(OutboxStatus.DELIVERED));
        // the register keeps the decision, no longer pointing at the purged ticket
        assertEquals(1, store.exceptions().list().size());
        assertNull(store.exceptions().list().get(0).ticketId());
        assertEquals(List.of(), store.exceptions().dueForReview(LocalDate.parse("2030-01-01")));
    }
}
