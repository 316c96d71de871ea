package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketKind;
import policybot.bot.escalation.TicketState;
import policybot.bot.review.ReviewItem;

/** The slash command, the feedback buttons and the specialist form, through the real server and store. */
class SlackInteractionsTest {
    static final String MARKS = "can I paste student marks into ChatGPT?";
    static final String EXCEPTION = "I would like an exception to use ChatGPT with student data for a research project";

    @TempDir
    Path dir;
    SlackFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SlackFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Asks by mention and returns the answer's post (its buttons carry the answer's key). */
    private FakeSlack.Call askInChannel(String text, String ts) throws Exception {
        int before = f.slack.calls("chat.postMessage").size();
        f.client.event(SlackFixture.mention("Ev-" + ts, "C1", ts, null, "<@UBOT> " + text));
        FakeSlack.Call post = f.slack.await("chat.postMessage", before + 1);
        f.idle();
        return post;
    }

    private static String key(FakeSlack.Call post) {
        JsonNode blocks = post.json("blocks");
        return blocks.get(blocks.size() - 1).path("elements").get(0).path("value").asText();
    }

    private List<Map<String, Object>> feedbackRows() {
        return f.store.database().read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT helpful, reason, question, answer_kind, channel FROM feedback ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("helpful", rs.getInt(1));
                    row.put("reason", rs.getString(2));
                    row.put("question", rs.getString(3));
                    row.put("answer_kind", rs.getString(4));
                    row.put("channel", rs.getString(5));
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    @Test
    void theSlashCommandAnswersEphemerallyWithAButtonToPostItToTheChannel() throws Exception {
        HttpResponse<String> ack = f.client.command(SlackFixture.command(MARKS, f.slack.responseUrl("cmd-1")));
        assertEquals(200, ack.statusCode());
        FakeSlack.Call reply = f.slack.await("response_url", 1);
        assertEquals("/hooks/cmd-1", reply.path());
        JsonNode body = reply.bodyJson();
        assertEquals("ephemeral", body.path("response_type").asText());
        JsonNode blocks = body.path("blocks");
        JsonNode actions = blocks.get(blocks.size() - 1);
        assertEquals(List.of("Helpful", "Not helpful", "Ask a specialist", "Post to channel"), SlackAnswersTest.texts(actions));
        Answer expected = f.bot.answer(new Question(null, MARKS, "U1", "slack", null));
        assertEquals(expected.verdict().heading(), blocks.get(0).path("text").path("text").asText());
        assertEquals(List.of(), f.slack.calls("chat.postMessage"), "nothing posted for others to see");

        String key = actions.path("elements").get(3).path("value").asText();
        f.client.interaction(SlackFixture.blockAction(Actions.POST_TO_CHANNEL, key, "U1", "C9", "1700000000.5",
                f.slack.responseUrl("act-1"), "trigger-post"));
        FakeSlack.Call posted = f.slack.await("response_url", 2);
        assertEquals("/hooks/act-1", posted.path());
        JsonNode inChannel = posted.bodyJson();
        assertEquals("in_channel", inChannel.path("response_type").asText());
        assertEquals("<@U1> asked: " + MARKS, inChannel.path("blocks").get(0).path("elements").get(0).path("text").asText());
        JsonNode last = inChannel.path("blocks").get(inChannel.path("blocks").size() - 1);
        assertEquals(List.of("Helpful", "Not helpful", "Ask a specialist"), SlackAnswersTest.texts(last),
                "no second Post to channel");
    }

    @Test
    void anEscalationByCommandOpensTheFormWithItsTeamAndTheExceptionFields() throws Exception {
        Answer expected = f.bot.answer(new Question(null, EXCEPTION, "U1", "slack", null));
        assertEquals(AnswerKind.ESCALATION, expected.kind());
        assertEquals("exceptions", expected.route());

        f.client.command(SlackFixture.command(EXCEPTION, f.slack.responseUrl("cmd-2")));
        FakeSlack.Call open = f.slack.await("views.open", 1);
        assertEquals("trigger-command", open.param("trigger_id"));
        JsonNode view = open.json("view");
        assertEquals(Actions.ESCALATE_VIEW, view.path("callback_id").asText());
        assertEquals("exceptions", block(view, "team").path("element").path("initial_option").path("value").asText());
        assertEquals(EXCEPTION, block(view, "question").path("element").path("initial_value").asText());
        for (String field : List.of("ai_use", "data_involved", "justification", "duration")) {
            assertNotNull(block(view, field), "the exception request's field " + field);
        }
        f.slack.await("response_url", 1);

        HttpResponse<String> submitted = f.client.interaction(SlackFixture.submission(view, "U1", Map.of(
                "ai_use", "ChatGPT Enterprise to summarise interview transcripts",
                "data_involved", "anonymised interview transcripts", "justification", "no approved tool does this",
                "duration", "six months")));
        assertEquals(200, submitted.statusCode());
        JsonNode ack = f.client.json(submitted);
        assertEquals("update", ack.path("response_action").asText(), submitted.body());
        List<Ticket> tickets = f.store.tickets().list(null, null);
        assertEquals(1, tickets.size());
        Ticket t = tickets.get(0);
        assertTrue(ack.path("view").toString().contains(t.reference()), "the number, once stored: " + ack);
        assertEquals(TicketKind.EXCEPTION_REQUEST, t.kind());
        assertEquals("exceptions", t.team());
        assertEquals("U1", t.requester());
        assertEquals("slack", t.channel());
        assertEquals("ChatGPT Enterprise to summarise interview transcripts", t.exceptionRequest().aiUse());
        assertEquals("six months", t.exceptionRequest().duration());
        assertEquals(expected.text(), t.answerText());
        assertNull(t.conversationLink(), "a command has no thread: the reply goes to the app's DM");
        FakeSlack.Call told = f.slack.await("chat.postMessage", 1);
        assertEquals("U1", told.param("channel"));
        assertTrue(told.param("text").contains(t.reference()), told.param("text"));
    }

    @Test
    void askASpecialistFromAThreadCreatesTheTicketWithALinkBackToTheThread() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000001.000100");
        String key = key(post);
        f.client.interaction(SlackFixture.blockAction(Actions.ASK_SPECIALIST, key, "U1", "C1", "1700009999.000001",
                f.slack.responseUrl("a"), "trigger-ask"));
        FakeSlack.Call open = f.slack.await("views.open", 1);
        assertEquals("trigger-ask", open.param("trigger_id"));
        JsonNode view = open.json("view");
        assertEquals(MARKS, block(view, "question").path("element").path("initial_value").asText());
        assertNull(block(view, "ai_use"), "no exception fields for a question");
        String route = block(view, "team").path("element").path("initial_option").path("value").asText();
        assertEquals("policy-owner", route, "an answer without a route goes to the policy owner");

        HttpResponse<String> submitted = f.client.interaction(SlackFixture.submission(view, "U1",
                Map.of("team", "information-governance", "details", "It is for a moderation meeting.")));
        JsonNode ack = f.client.json(submitted);
        assertEquals("update", ack.path("response_action").asText(), submitted.body());
        Ticket t = f.store.tickets().list(null, null).get(0);
        assertEquals("information-governance", t.team(), "the team the person chose");
        assertEquals(MARKS + "\n\nDetails: It is for a moderation meeting.", t.question());
        assertEquals("https://uni-test.slack.com/archives/C1/p1700000001000100?thread_ts=1700000001.000100&cid=C1",
                t.conversationLink());
        assertFalse(t.citations().isEmpty(), "the bot's answer goes with the ticket");
        assertEquals(TicketState.OPEN, t.state());
        FakeSlack.Call told = f.slack.await("chat.postMessage", 2);
        assertEquals("C1", told.param("channel"));
        assertEquals("1700000001.000100", told.param("thread_ts"));
        assertTrue(told.param("text").contains(t.reference()));
        // the team's post is waiting in the outbox
        assertEquals(1, f.store.outbox().counts().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void whenTheStoreIsDownTheFormSaysNothingWasSent() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000007.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.ASK_SPECIALIST, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("a"), "trigger-ask"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        f.storeAccess = () -> {
            throw new policybot.bot.store.StoreException("the database is not reachable", null);
        };
        JsonNode ack = f.client.json(f.client.interaction(SlackFixture.submission(view, "U1", Map.of())));
        assertEquals("errors", ack.path("response_action").asText());
        assertTrue(ack.path("errors").path("question").asText().contains("nothing was sent"), ack.toString());
        f.idle();
        assertEquals(1, f.slack.calls("chat.postMessage").size(), "no number was told");
    }

    @Test
    void whenTheStoreIsSlowTheNumberFollowsOnceStored() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000008.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.ASK_SPECIALIST, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("a"), "trigger-ask"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        f.storeAccess = () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return f.store;
        };
        long t0 = System.nanoTime();
        JsonNode ack = f.client.json(f.client.interaction(SlackFixture.submission(view, "U1", Map.of())));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "answered within Slack's 3 s");
        assertEquals("update", ack.path("response_action").asText());
        assertTrue(ack.path("view").toString().contains("as soon as it is stored"), ack.toString());
        assertFalse(ack.toString().contains("T-"), "no number before it is stored");
        assertEquals(List.of(), f.store.tickets().list(null, null));
        gate.countDown();
        FakeSlack.Call told = f.slack.await("chat.postMessage", 2);
        Ticket t = f.store.tickets().list(null, null).get(0);
        assertEquals("Your request is stored as *" + t.reference() + "*.", told.param("text"));
        assertEquals("1700000008.000100", told.param("thread_ts"));
    }

    @Test
    void anEmptyQuestionIsRefusedInTheFormAndNothingIsStored() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000002.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.ASK_SPECIALIST, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("a"), "trigger-ask"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        JsonNode ack = f.client.json(f.client.interaction(SlackFixture.submission(view, "U1", Map.of("question", "   "))));
        assertEquals("errors", ack.path("response_action").asText());
        assertTrue(ack.path("errors").has("question"));
        assertEquals(List.of(), f.store.tickets().list(null, null));
    }

    @Test
    void choosingTheExceptionsTeamRedrawsTheFormWithTheExceptionFields() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000003.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.ASK_SPECIALIST, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("a"), "trigger-ask"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) SlackFixture.JSON.readTree(
                SlackFixture.blockAction("team", null, "U1", "C1", "1.1", f.slack.responseUrl("a"), "t"));
        payload.remove("container");
        payload.remove("channel");
        var v = payload.putObject("view");
        v.put("id", "V42");
        v.put("hash", "hash-1");
        v.put("callback_id", Actions.ESCALATE_VIEW);
        v.put("private_metadata", view.path("private_metadata").asText());
        v.putObject("state").putObject("values").putObject("question").putObject("question").put("value", "edited words");
        var action = (com.fasterxml.jackson.databind.node.ObjectNode) payload.path("actions").get(0);
        action.put("type", "static_select");
        action.remove("value");
        action.putObject("selected_option").put("value", "exceptions");
        f.client.interaction(payload.toString());
        FakeSlack.Call update = f.slack.await("views.update", 1);
        assertEquals("V42", update.param("view_id"));
        assertEquals("hash-1", update.param("hash"));
        JsonNode redrawn = update.json("view");
        assertNotNull(block(redrawn, "ai_use"));
        assertEquals("edited words", block(redrawn, "question").path("element").path("initial_value").asText());
        assertEquals("exceptions", block(redrawn, "team").path("element").path("initial_option").path("value").asText());
    }

    @Test
    void helpfulIsRecordedAndConfirmedOnlyOnceStored() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000004.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.HELPFUL, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("helpful"), "t"));
        FakeSlack.Call confirm = f.slack.await("response_url", 1);
        assertEquals("Thank you: your feedback was recorded.", confirm.bodyJson().path("text").asText());
        assertEquals("ephemeral", confirm.bodyJson().path("response_type").asText());
        List<Map<String, Object>> rows = feedbackRows();
        assertEquals(1, rows.size());
        assertEquals(1, rows.get(0).get("helpful"));
        assertEquals(MARKS, rows.get(0).get("question"));
        assertEquals("slack", rows.get(0).get("channel"));
    }

    @Test
    void notHelpfulAsksWhyAndQueuesTheQuestionForReview() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000005.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.NOT_HELPFUL, key(post), "U1", "C1", "1.1",
                f.slack.responseUrl("nh"), "trigger-nh"));
        JsonNode view = f.slack.await("views.open", 1).json("view");
        assertEquals(Actions.NOT_HELPFUL_VIEW, view.path("callback_id").asText());
        assertTrue(feedbackRows().isEmpty(), "nothing until the form is sent");
        JsonNode ack = f.client.json(f.client.interaction(SlackFixture.submission(view, "U1",
                Map.of("reason", "It did not say what to do instead; mail me at jo.bloggs@uni.ac.uk"))));
        assertEquals("update", ack.path("response_action").asText());
        List<Map<String, Object>> rows = feedbackRows();
        assertEquals(1, rows.size());
        assertEquals(0, rows.get(0).get("helpful"));
        assertEquals("It did not say what to do instead; mail me at [email]", rows.get(0).get("reason"), "redacted");
        List<ReviewItem> queue = f.store.review().list(null);
        assertEquals(1, queue.size());
    }

    @Test
    void aButtonOnAnAnswerTheServerNoLongerHoldsSaysSoAndRecordsNothing() throws Exception {
        f.client.interaction(SlackFixture.blockAction(Actions.HELPFUL, "0123456789abcdef01", "U1", "C1", "1.1",
                f.slack.responseUrl("old"), "t"));
        FakeSlack.Call told = f.slack.await("response_url", 1);
        assertEquals(SlackHandlers.GONE, told.bodyJson().path("text").asText());
        assertTrue(feedbackRows().isEmpty());
    }

    @Test
    void aResponseUrlThatIsNotSlacksIsNeverPostedTo() throws Exception {
        FakeSlack.Call post = askInChannel(MARKS, "1700000006.000100");
        f.client.interaction(SlackFixture.blockAction(Actions.HELPFUL, key(post), "U1", "C1", "1.1",
                "http://169.254.169.254/latest/meta-data", "t"));
        f.idle();
        assertEquals(List.of(), f.slack.calls("response_url"));
        assertEquals(1, feedbackRows().size(), "the feedback itself is still kept");
    }

    @Test
    void theHomeTabExplainsTheBotAndListsThePersonsOwnOpenRequests() throws Exception {
        Ticket mine = f.store.tickets().open(new policybot.bot.escalation.Escalation("U1", "slack", null,
                "Who approves Copilot for my team?", "dts", null, List.of(), "1.2", null));
        Ticket closed = f.store.tickets().open(new policybot.bot.escalation.Escalation("U1", "slack", null,
                "an old one", "dts", null, List.of(), "1.2", null));
        f.store.tickets().close(closed.id(), "USPEC", null);
        f.store.tickets().open(new policybot.bot.escalation.Escalation("U2", "slack", null, "someone else's",
                "dts", null, List.of(), "1.2", null));
        var event = SlackFixture.JSON.createObjectNode();
        event.put("type", "app_home_opened");
        event.put("user", "U1");
        event.put("channel", "D1");
        event.put("tab", "home");
        event.put("event_ts", "1700000000.1");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) SlackFixture.JSON.readTree(
                SlackFixture.mention("EvHome", "C1", "1.1", null, "x"));
        root.set("event", event);
        assertEquals(200, f.client.event(root.toString()).statusCode());
        FakeSlack.Call publish = f.slack.await("views.publish", 1);
        assertEquals("U1", publish.param("user_id"));
        String view = publish.param("view");
        Answer intro = f.bot.answer(new Question(null, "what can you do?", "U1", "slack", null));
        assertEquals(AnswerKind.HELP, intro.kind());
        assertTrue(view.contains(intro.text().substring(0, 40)), view);
        assertTrue(view.contains(mine.reference()), view);
        assertTrue(view.contains("Who approves Copilot for my team?"));
        assertFalse(view.contains("an old one"), "closed requests are not listed");
        assertFalse(view.contains("someone else"), "only the person's own");
    }

    static JsonNode block(JsonNode view, String id) {
        for (JsonNode b : view.path("blocks")) {
            if (id.equals(b.path("block_id").asText())) {
                return b;
            }
        }
        return null;
    }
}
