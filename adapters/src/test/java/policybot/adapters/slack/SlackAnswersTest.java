package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;

/** Staff asking in Slack: real signed requests to the running server, the Web API faked on loopback. */
class SlackAnswersTest {
    static final String MARKS = "can I paste student marks into ChatGPT?";

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

    /** The core's answer to the same words, as a fresh conversation. */
    private Answer core(String text, String conversation) {
        return f.bot.answer(new Question(null, text, "U1", "slack", conversation));
    }

    @Test
    void aMentionIsAnsweredInItsThreadWithTheAnswersExactBlocks() throws Exception {
        HttpResponse<String> r = f.client.event(SlackFixture.mention("Ev1", "C1", "1700000000.000100", null,
                "<@UBOT> " + MARKS));
        assertEquals(200, r.statusCode(), r.body());

        FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
        assertEquals("C1", post.param("channel"));
        assertEquals("1700000000.000100", post.param("thread_ts"), "answered in a thread under the mention");
        assertEquals("Bearer xoxb-test-token", post.authorization());
        // posted as JSON, as the Web API takes it: the blocks an array, not a string inside a form
        JsonNode sent = FakeSlack.JSON.readTree(post.body());
        assertTrue(sent.path("blocks").isArray(), post.body());
        assertTrue(sent.path("unfurl_links").isBoolean() && !sent.path("unfurl_links").asBoolean(), post.body());

        Answer expected = core(MARKS, "test:" + System.nanoTime());
        assertEquals(AnswerKind.ANSWER, expected.kind());
        assertNotNull(expected.verdict(), "the test needs a question the policy settles");
        JsonNode blocks = post.json("blocks");
        int i = 0;
        assertEquals("header", blocks.get(i).path("type").asText());
        assertEquals(expected.verdict().heading(), blocks.get(i++).path("text").path("text").asText());
        assertEquals("section", blocks.get(i).path("type").asText());
        String prose = blocks.get(i++).path("text").path("text").asText();
        assertTrue(prose.startsWith("*" + expected.verdict().heading() + ".*"), prose);
        assertFalse(prose.contains("**"), "Slack's bold is one star: " + prose);
        assertFalse(prose.contains("Automated answer"), "the notice is a block of its own");
        for (Citation c : expected.citations()) {
            JsonNode quote = blocks.get(i++);
            assertEquals("rich_text", quote.path("type").asText());
            JsonNode q = quote.path("elements").get(0);
            assertEquals("rich_text_quote", q.path("type").asText());
            assertEquals(c.quote(), q.path("elements").get(0).path("text").asText(), "the clause verbatim");
            JsonNode where = blocks.get(i++);
            assertEquals("context", where.path("type").asText());
            assertEquals(c.section().replace(">", "&gt;") + " \u00b7 clause " + c.clause() + " \u00b7 policy v"
                    + expected.policyVersion(), where.path("elements").get(0).path("text").asText());
        }
        JsonNode notice = blocks.get(i++);
        assertEquals("context", notice.path("type").asText());
        String lastParagraph = expected.text().substring(expected.text().lastIndexOf("\n\n") + 2);
        assertEquals(lastParagraph, notice.path("elements").get(0).path("text").asText(), "the core's notice, as written");
        JsonNode actions = blocks.get(i++);
        assertEquals("actions", actions.path("type").asText());
        assertEquals(List.of("Helpful", "Not helpful", "Ask a specialist"), texts(actions));
        assertEquals(List.of(Actions.HELPFUL, Actions.NOT_HELPFUL, Actions.ASK_SPECIALIST), ids(actions));
        String key = actions.path("elements").get(0).path("value").asText();
        assertTrue(key.matches("[0-9a-f]{18}"), key);
        actions.path("elements").forEach(b -> assertEquals(key, b.path("value").asText()));
        assertEquals(i, blocks.size(), "nothing else: " + blocks);
        assertEquals(AnswerBlocks.mrkdwn(expected.text()), post.param("text"), "the fallback is the core's text");

        // counted with every other channel's answers (and so told to the store's answer listener)
        f.idle();
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + f.server.port() + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("policybot_questions_total{channel=\"slack\",kind=\"answer\"} 1.0"),
                metrics.body().lines().filter(l -> l.contains("questions_total")).toList().toString());
    }

    @Test
    void aDirectMessageIsAnsweredInTheDm() throws Exception {
        f.client.event(SlackFixture.message("Ev2", "D1", "im", "1700000000.000200", null, MARKS, null));
        FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
        assertEquals("D1", post.param("channel"));
        assertNull(post.param("thread_ts"), "a DM is answered in the DM, not in a thread");
    }

    @Test
    void aReplyInTheAnswersThreadIsAFollowUpInTheSameConversation() throws Exception {
        f.client.event(SlackFixture.mention("Ev3", "C1", "1700000000.000300", null, "<@UBOT> can I use ChatGPT to draft an email?"));
        f.slack.await("chat.postMessage", 1);
        f.idle();
        f.client.event(SlackFixture.message("Ev4", "C1", "channel", "1700000000.000400", "1700000000.000300",
                "what about Gemini?", null));
        FakeSlack.Call followUp = f.slack.await("chat.postMessage", 2);
        assertEquals("1700000000.000300", followUp.param("thread_ts"));

        String conversation = "test:" + System.nanoTime();
        core("can I use ChatGPT to draft an email?", conversation);
        Answer expected = core("what about Gemini?", conversation);
        Answer alone = core("what about Gemini?", null);
        assertFalse(expected.text().equals(alone.text()), "the test needs a follow-up that depends on the question before");
        assertEquals(AnswerBlocks.mrkdwn(expected.text()), followUp.param("text"));

        // a reply in a thread the bot never answered in is somebody else's conversation
        f.client.event(SlackFixture.message("Ev5", "C1", "channel", "1700000000.000500", "1699999999.000001",
                "what about Gemini?", null));
        f.idle();
        Thread.sleep(200);
        assertEquals(2, f.slack.calls("chat.postMessage").size());
    }

    @Test
    void aRetriedEventAndAMentionSeenTwiceAreAnsweredOnce() throws Exception {
        String event = SlackFixture.mention("Ev6", "C1", "1700000000.000600", null, "<@UBOT> " + MARKS);
        assertEquals(200, f.client.event(event).statusCode());
        f.slack.await("chat.postMessage", 1);
        // Slack's retry: the same event, signed afresh, with X-Slack-Retry-Num
        Thread.sleep(1100);
        HttpResponse<String> retry = f.client.event(event, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout");
        assertEquals(200, retry.statusCode(), "a retry is acknowledged, so Slack stops retrying");
        // the same message as a message event (the bot is in the channel)
        f.client.event(SlackFixture.message("Ev7", "C1", "channel", "1700000000.000600", null, "<@UBOT> " + MARKS, null));
        f.idle();
        Thread.sleep(200);
        assertEquals(1, f.slack.calls("chat.postMessage").size());
    }

    @Test
    void messagesFromBotsAreIgnored() throws Exception {
        f.client.event(SlackFixture.message("Ev8", "D1", "im", "1700000000.000800", null, MARKS, "BOTHER"));
        f.client.event(SlackFixture.message("Ev9", "D1", "im", "1700000000.000900", null, MARKS, "BBOT"));
        f.idle();
        Thread.sleep(200);
        assertEquals(List.of(), f.slack.calls("chat.postMessage"));
    }

    @Test
    void theEventIsAcknowledgedBeforeTheAnswerIsPosted() throws Exception {
        f.slack.answerNext("chat.postMessage", new MockResponse.Builder().code(200)
                .headersDelay(4, java.util.concurrent.TimeUnit.SECONDS)
                .body("{\"ok\":true,\"ts\":\"1.2\"}").build());
        long t0 = System.nanoTime();
        HttpResponse<String> r = f.client.event(SlackFixture.mention("Ev10", "C1", "1700000000.001000", null, "<@UBOT> " + MARKS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertTrue(ms < 1500, "acknowledged in " + ms + " ms while the Web API takes 4 s");
        f.slack.await("chat.postMessage", 1);
    }

    @Test
    void a429IsRetriedAfterRetryAfter() throws Exception {
        f.slack.answerNext("chat.postMessage", FakeSlack.status(429, "Retry-After", "1"));
        f.client.event(SlackFixture.mention("Ev11", "C1", "1700000000.001100", null, "<@UBOT> " + MARKS));
        FakeSlack.Call first = f.slack.await("chat.postMessage", 1);
        long t0 = System.nanoTime();
        FakeSlack.Call second = f.slack.await("chat.postMessage", 2);
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 800, "waited for Retry-After");
        assertEquals(first.body(), second.body(), "the same message sent again");
        f.idle();
        assertEquals(2, f.slack.calls("chat.postMessage").size());
    }

    /**
     * The answer is posted by our own call to the Web API (not the SDK's client): Slack's failures
     * must still be told apart, a 500 tried again and an error Slack gives with HTTP 200 that will
     * not pass (the channel is gone) given up at once.
     */
    @Test
    void aServerErrorIsRetriedAndAPermanentSlackErrorIsNot() throws Exception {
        f.slack.answerNext("chat.postMessage", FakeSlack.status(500));
        f.client.event(SlackFixture.mention("Ev13", "C1", "1700000000.001300", null, "<@UBOT> " + MARKS));
        FakeSlack.Call again = f.slack.await("chat.postMessage", 2);
        assertEquals(f.slack.calls("chat.postMessage").get(0).body(), again.body(), "the same message sent again");

        f.slack.answerNext("chat.postMessage", FakeSlack.error("channel_not_found"));
        f.client.event(SlackFixture.mention("Ev14", "C9", "1700000000.001400", null, "<@UBOT> " + MARKS));
        f.slack.await("chat.postMessage", 3);
        f.idle();
        assertEquals(3, f.slack.calls("chat.postMessage").size(), "channel_not_found is not tried again");
    }

    @Test
    void aMessageTooLongIsRefusedWithTheReason() throws Exception {
        f.client.event(SlackFixture.message("Ev12", "D1", "im", "1700000000.001200", null, "a".repeat(4001), null));
        FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
        assertTrue(post.param("text").contains("4001 characters long; the limit is 4000"), post.param("text"));
        assertNull(post.param("blocks"));
    }

    static List<String> texts(JsonNode actions) {
        List<String> out = new ArrayList<>();
        actions.path("elements").forEach(b -> out.add(b.path("text").path("text").asText()));
        return out;
    }

    static List<String> ids(JsonNode actions) {
        List<String> out = new ArrayList<>();
        actions.path("elements").forEach(b -> out.add(b.path("action_id").asText()));
        return out;
    }
}
