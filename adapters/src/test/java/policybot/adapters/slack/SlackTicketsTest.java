package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.answer.Citation;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketState;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;

/**
 * Tickets in the teams' Slack channels: posted through the outbox by {@link SlackDelivery}, claimed,
 * replied to and closed with the message's buttons, the reply relayed into the requester's thread.
 */
class SlackTicketsTest {
    static final String IG = SlackFixture.IG_CHANNEL;
    static final String THREAD = "https://uni-test.slack.com/archives/C1/p1700000001000100?thread_ts=1700000001.000100&cid=C1";
    static final OutboxSettings OUTBOX = new OutboxSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(1), 10);

    @TempDir
    Path dir;
    SlackFixture f;
    OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        f = new SlackFixture(dir);
        worker = new OutboxWorker(f.store.database(), policybot.bot.outbox.Deliveries.none()
                .with(policybot.bot.routing.DestinationType.SLACK, f.channel.delivery()), OUTBOX, Clock.systemUTC(), "test");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Ticket open(String team, ExceptionRequest x) {
        return f.store.tickets().open(new Escalation("U1", "slack", THREAD, "Can I put marks <b>& names</b> into ChatGPT?",
                team, "Not allowed. The policy says: ...", List.of(new Citation("2.2", "Policy Details > 2) Legality",
                "not upload any personal data", 7.3)), "1.2", x));
    }

    private JsonNode buttons(JsonNode blocks) {
        JsonNode last = blocks.get(blocks.size() - 1);
        return "actions".equals(last.path("type").asText()) ? last : null;
    }

    @Test
    void aTicketIsPostedToItsTeamsChannelWithClaimReplyAndClose() throws Exception {
        Ticket t = open("information-governance", null);
        assertEquals(1, worker.drain());
        FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
        assertEquals(IG, post.param("channel"));
        assertEquals("Bearer xoxb-test-token", post.authorization());
        JsonNode blocks = post.json("blocks");
        assertEquals("Question " + t.reference() + " for Information Governance Service",
                blocks.get(0).path("text").path("text").asText());
        assertEquals("From <@U1> in slack \u00b7 <" + THREAD + "|the conversation>",
                blocks.get(1).path("elements").get(0).path("text").asText());
        assertEquals("*Question*\n&gt; Can I put marks &lt;b&gt;&amp; names&lt;/b&gt; into ChatGPT?",
                blocks.get(2).path("text").path("text").asText(), "the requester's words, escaped");
        assertEquals("The bot cited clause 2.2 (policy v1.2)", blocks.get(3).path("elements").get(0).path("text").asText());
        assertEquals("*Open*", blocks.get(4).path("elements").get(0).path("text").asText());
        JsonNode actions = buttons(blocks);
        assertEquals(List.of("Claim", "Reply", "Close"), SlackAnswersTest.texts(actions));
        assertEquals(List.of(Actions.CLAIM, Actions.REPLY, Actions.CLOSE), SlackAnswersTest.ids(actions));
        actions.path("elements").forEach(b -> assertEquals(Long.toString(t.id()), b.path("value").asText()));
        assertEquals(1, f.store.outbox().list(OutboxStatus.DELIVERED, 10).size());
    }

    @Test
    void anExceptionRequestShowsItsFields() throws Exception {
        open("exceptions", new ExceptionRequest("Copilot on HR cases", "staff records", "a backlog", "3 months"));
        worker.drain();
        FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
        assertEquals(SlackFixture.EXCEPTIONS_CHANNEL, post.param("channel"));
        JsonNode blocks = post.json("blocks");
        assertTrue(blocks.get(0).path("text").path("text").asText().startsWith("Exception request T-"));
        assertEquals("*What use of AI:* Copilot on HR cases\n*What data:* staff records\n*Why:* a backlog\n*For how long:* 3 months",
                blocks.get(3).path("text").path("text").asText());
    }

    @Test
    void claimReplyAndCloseChangeTheTicketAndUpdateTheMessage() throws Exception {
        Ticket t = open("information-governance", null);
        worker.drain();
        String messageTs = "1700009999.000001";
        f.slack.await("chat.postMessage", 1);
        String id = Long.toString(t.id());

        f.client.interaction(SlackFixture.blockAction(Actions.CLAIM, id, "USPEC1", IG, messageTs, f.slack.responseUrl("c"), "t1"));
        FakeSlack.Call update = f.slack.await("chat.update", 1);
        f.idle();
        assertEquals(TicketState.CLAIMED, f.store.tickets().get(t.id()).state());
        assertEquals("USPEC1", f.store.tickets().get(t.id()).claimedBy());
        assertEquals(IG, update.param("channel"));
        assertEquals(messageTs, update.param("ts"));
        JsonNode blocks = update.json("blocks");
        assertEquals(List.of("Reply", "Close"), SlackAnswersTest.texts(buttons(blocks)));
        assertTrue(update.param("blocks").contains("*Claimed* by <@USPEC1>"), update.param("blocks"));

        // a second claim is refused, to the one who pressed it only, and changes nothing
        f.client.interaction(SlackFixture.blockAction(Actions.CLAIM, id, "USPEC2", IG, messageTs, f.slack.responseUrl("c"), "t2"));
        FakeSlack.Call refused = f.slack.await("chat.postEphemeral", 1);
        assertEquals("USPEC2", refused.param("user"));
        assertTrue(refused.param("text").contains("cannot be claimed"), refused.param("text"));
        assertEquals("USPEC1", f.store.tickets().get(t.id()).claimedBy());

        f.client.interaction(SlackFixture.blockAction(Actions.REPLY, id, "USPEC1", IG, messageTs, f.slack.responseUrl("r"), "t3"));
        FakeSlack.Call open = f.slack.await("views.open", 1);
        assertEquals("t3", open.param("trigger_id"));
        JsonNode view = open.json("view");
        assertEquals(Actions.REPLY_VIEW, view.path("callback_id").asText());
        JsonNode ack = f.client.json(f.client.interaction(SlackFixture.submission(view, "USPEC1",
                Map.of("reply", "Please don't: use the anonymised export instead."))));
        assertEquals("update", ack.path("response_action").asText());
        assertEquals(TicketState.ANSWERED, f.store.tickets().get(t.id()).state());
        FakeSlack.Call answered = f.slack.await("chat.update", 2);
        assertTrue(answered.param("blocks").contains("*Answered* by <@USPEC1>"));
        assertTrue(answered.param("blocks").contains("Please don't: use the anonymised export instead."));

        // the reply goes to the requester through the outbox, into their thread
        assertEquals(1, worker.drain());
        FakeSlack.Call relay = f.slack.await("chat.postMessage", 2);
        assertEquals("C1", relay.param("channel"));
        assertEquals("1700000001.000100", relay.param("thread_ts"));
        assertEquals("*" + t.reference() + "*: Information Governance Service replied:\n&gt; Please don't: use the anonymised "
                + "export instead.", relay.param("text"));

        f.client.interaction(SlackFixture.blockAction(Actions.CLOSE, id, "USPEC1", IG, messageTs, f.slack.responseUrl("x"), "t4"));
        FakeSlack.Call closed = f.slack.await("chat.update", 3);
        f.idle();
        assertEquals(TicketState.CLOSED, f.store.tickets().get(t.id()).state());
        assertNull(buttons(closed.json("blocks")), "a closed ticket has no buttons");
        assertTrue(closed.param("blocks").contains("*Closed*"));
    }

    @Test
    void replyingToAnOpenTicketClaimsItFirst() throws Exception {
        Ticket t = open("information-governance", null);
        f.client.interaction(SlackFixture.blockAction(Actions.REPLY, Long.toString(t.id()), "USPEC3", IG, "1.1",
                f.slack.responseUrl("r"), "t5"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        f.client.interaction(SlackFixture.submission(view, "USPEC3", Map.of("reply", "Yes, with the approved tool.")));
        Ticket after = f.store.tickets().get(t.id());
        assertEquals(TicketState.ANSWERED, after.state());
        assertEquals("USPEC3", after.claimedBy());
        assertEquals(List.of("opened", "claimed", "answered"),
                f.store.tickets().history(t.id()).stream().map(e -> e.type()).toList());
    }

    @Test
    void aReplyToACommandsRequesterGoesToTheirDm() throws Exception {
        Ticket t = f.store.tickets().open(new Escalation("U5", "slack", null, "a question", "information-governance",
                null, List.of(), "1.2", null));
        f.store.tickets().claim(t.id(), "USPEC1");
        f.store.tickets().reply(t.id(), "USPEC1", "Here is the answer.");
        worker.drain();
        FakeSlack.Call relay = f.slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("text").contains("Here is the answer.")).findFirst().orElseThrow();
        assertEquals("U5", relay.param("channel"));
        assertNull(relay.param("thread_ts"));
    }

    @Test
    void slackFailuresAreRetriedOrDeadLetteredByTheOutbox() throws Exception {
        f.slack.answerNext("chat.postMessage", FakeSlack.status(429, "Retry-After", "7"));
        open("information-governance", null);
        worker.drain();
        OutboxItem limited = f.store.outbox().list(OutboxStatus.PENDING, 10).get(0);
        assertTrue(limited.lastError().contains("rate limited (429)") && limited.lastError().contains("Retry-After 7 s"),
                limited.lastError());

        f.slack.answerNext("chat.postMessage", FakeSlack.status(503));
        open("information-governance", null);
        worker.drain();
        assertTrue(f.store.outbox().list(OutboxStatus.PENDING, 10).stream().anyMatch(i -> i.lastError().contains("HTTP 503")));

        f.slack.answerNext("chat.postMessage", FakeSlack.error("channel_not_found"));
        open("information-governance", null);
        worker.drain();
        f.slack.answerNext("chat.postMessage", FakeSlack.error("invalid_auth"));
        open("information-governance", null);
        worker.drain();
        List<String> dead = f.store.outbox().list(OutboxStatus.DEAD, 10).stream().map(OutboxItem::lastError).toList();
        assertEquals(List.of("chat.postMessage: channel_not_found", "chat.postMessage: invalid_auth"), dead);

        // what the outbox does with them: the destination is the routing table's Slack channel
        assertTrue(f.store.outbox().list(OutboxStatus.DEAD, 10).stream().allMatch(i -> i.destination().equals("slack:" + IG)));
    }
}
