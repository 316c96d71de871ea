package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.cli.OutboxCommand;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.DestinationType;
import policybot.bot.store.MutableClock;

/**
 * Slack's Web API failing a ticket's post: 429, 500 and a call that never answers (a read
 * time-out) are each retried by the outbox with back-off; one that keeps failing is dead-lettered
 * after the last attempt, is listed by {@code policybot outbox list} with why, and is delivered
 * once an operator retries it.
 */
class SlackDeliveryFaultsTest {
    static final OutboxSettings OUTBOX = new OutboxSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(1), 10);

    @TempDir
    Path dir;

    private static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    private static String cli(SlackFixture f, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new OutboxCommand(() -> f.store));
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    @Test
    void rateLimitsServerErrorsAndTimeOutsAreRetriedThenDeadLetteredAndListed() throws Exception {
        try (SlackFixture f = new SlackFixture(dir, Optional.empty(), 2, 50, Duration.ofMillis(700))) {
            MutableClock clock = new MutableClock(Instant.now().plusSeconds(1));
            OutboxWorker worker = new OutboxWorker(f.store.database(), Deliveries.none()
                    .with(DestinationType.SLACK, f.channel.delivery()), OUTBOX, clock, "test");
            Ticket[] t = new Ticket[3];
            for (int i = 0; i < 3; i++) {
                t[i] = f.store.tickets().open(new Escalation("U1", "slack", null, "Question " + i + " for the team",
                        "information-governance", null, null, "1.2", null));
            }
            // first attempts: rate limited, no answer at all, a server error
            f.slack.answerNext("chat.postMessage", FakeSlack.status(429, "Retry-After", "1"), stall(), FakeSlack.status(500));
            long started = System.nanoTime();
            worker.drain();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs >= 600 && tookMs < 8_000, "the stalled call was given up after its time-out: " + tookMs + " ms");
            assertEquals(3, f.store.outbox().list(OutboxStatus.PENDING, 10).size(), "all three wait for another attempt");
            worker.drain();
            assertEquals(3, f.slack.calls("chat.postMessage").size(), "nothing is tried again before its back-off");

            // 5 s later: a server error, a time-out, and success
            clock.advance(Duration.ofSeconds(5));
            f.slack.answerNext("chat.postMessage", FakeSlack.status(500), stall());
            worker.drain();
            assertEquals(OutboxStatus.DELIVERED, item(f, 3).status());
            // 10 s after that (doubled): the third and last attempt fails again for both
            clock.advance(Duration.ofSeconds(9));
            worker.drain();
            assertEquals(6, f.slack.calls("chat.postMessage").size(), "still backing off");
            clock.advance(Duration.ofSeconds(1));
            f.slack.answerNext("chat.postMessage", FakeSlack.status(503), stall());
            worker.drain();
            OutboxItem first = item(f, 1);
            OutboxItem second = item(f, 2);
            assertEquals(OutboxStatus.DEAD, first.status());
            assertEquals(3, first.attempts());
            assertEquals("gave up after 3 attempts: chat.postMessage: HTTP 503", first.lastError());
            assertEquals(OutboxStatus.DEAD, second.status());
            assertEquals(3, second.attempts());
            assertTrue(second.lastError().startsWith("gave up after 3 attempts: chat.postMessage: ") && second.lastError().contains("Timeout"),
                    second.lastError());

            // what an operator sees: where, how often, why; never the payload (the requester's words)
            String listed = cli(f, "list");
            List<String> lines = listed.lines().toList();
            assertEquals(3, lines.size(), listed);
            assertTrue(lines.get(0).matches(first.id() + " +dead +slack:CIG00001 +attempts 3  gave up after 3 attempts: chat\\.postMessage: HTTP 503"),
                    lines.get(0));
            assertTrue(lines.get(1).matches(second.id() + " +dead +slack:CIG00001 +attempts 3  gave up after 3 attempts: chat\\.postMessage: .*Timeout.*"),
                    lines.get(1));
            assertEquals("{pending=0, delivering=0, delivered=1, dead=2}", lines.get(2));
            assertTrue(!listed.contains("Question 0") && !listed.contains("Question 1"), "no requester's words: " + listed);

            // fixed (Slack is back): the operator retries one; it is delivered, once
            assertEquals(first.id() + " will be tried again\n", cli(f, "retry", Long.toString(first.id())));
            worker.drain();
            assertEquals(OutboxStatus.DELIVERED, item(f, 1).status());
            List<FakeSlack.Call> posts = f.slack.calls("chat.postMessage");
            assertEquals(9, posts.size());
            assertTrue(posts.get(8).param("blocks").contains(t[0].reference()), "the first ticket's card");
            assertTrue(cli(f, "list").endsWith("{pending=0, delivering=0, delivered=2, dead=1}\n"));
        }
    }

    private static OutboxItem item(SlackFixture f, int n) {
        List<OutboxItem> all = new java.util.ArrayList<>();
        for (OutboxStatus s : OutboxStatus.values()) {
            all.addAll(f.store.outbox().list(s, 100));
        }
        all.sort(java.util.Comparator.comparingLong(OutboxItem::id));
        return all.get(n - 1);
    }
}
