package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.adapters.web.QuestionLimits;

/**
 * Floods in Teams: a person over their rate is told (in the conversation, once a minute) to slow
 * down and their extra messages are acknowledged but not answered, while others are answered; a
 * busy channel is limited as a whole; feedback and tickets spend the same tokens; and the bounded
 * pool the turns run on refuses activities with 503 (Retry-After) instead of piling them up, with
 * its depth on /metrics. Everything through signed activities and the fake Bot Connector.
 */
class TeamsFloodTest {
    static final String SLOW_DOWN = "You are asking questions faster than I can answer them well: please slow down and ask again in ";

    @TempDir
    Path dir;

    private static String scrape(TeamsFixture f) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
    }

    private static double answered(String scrape) {
        double sum = 0;
        for (String kind : new String[] {"answer", "help", "no_answer", "escalation"}) {
            sum += value(scrape, "policybot_questions_total{channel=\"teams\",kind=\"" + kind + "\"}");
        }
        return sum;
    }

    /**
     * A personal-chat message. The chats are this test's own: the core remembers a conversation's
     * last question (for follow-ups), and the bot is shared by the tests in this JVM.
     */
    private static ObjectNode from(TeamsFixture f, String who, String id, String text) {
        ObjectNode a = f.activity("message", id, "a:flood-chat-" + who, "personal");
        a.putObject("from").put("id", "29:user-" + who).put("name", who).put("aadObjectId", "aad-" + who);
        if (text != null) {
            a.put("text", text);
        }
        return a;
    }

    /** A message in a team's channel thread, mentioning the bot. */
    private static ObjectNode inChannel(TeamsFixture f, String channel, String thread, String who, String id) {
        ObjectNode a = f.activity("message", id, channel + ";messageid=" + thread, "channel");
        a.putObject("from").put("id", "29:user-" + who).put("name", who).put("aadObjectId", "aad-" + who);
        a.put("text", "<at>PolicyBot</at> can I use Copilot for minutes?");
        ObjectNode mention = a.putArray("entities").addObject().put("type", "mention").put("text", "<at>PolicyBot</at>");
        mention.putObject("mentioned").put("id", "28:" + TeamsFixture.APP_ID).put("name", "PolicyBot");
        return a;
    }

    /** What the connector was sent into one conversation, in order. */
    private static List<JsonNode> sentTo(TeamsFixture f, String conversation) {
        List<JsonNode> out = new ArrayList<>();
        for (RecordedRequest r : f.connectorRequests) {
            if (TeamsMessagesTest.path(r).contains("/v3/conversations/" + conversation + "/")) {
                out.add(TeamsFixture.read(r.getBody().utf8()));
            }
        }
        return out;
    }

    private static boolean isCard(JsonNode activity) {
        return activity.path("attachments").size() == 1;
    }

    @Test
    void aPersonOverTheirRateIsToldOnceAMinuteToSlowDownAndOthersAreStillAnswered() throws Exception {
        try (TeamsFixture f = new TeamsFixture(dir)) {
            AtomicLong now = new AtomicLong();
            f.metrics.limit(new QuestionLimits(3, 0, now::get));
            for (int i = 1; i <= 6; i++) {
                HttpResponse<String> r = f.post(from(f, "jo", "m-" + i, "can I use ChatGPT for drafting emails? (" + i + ")"));
                assertEquals(200, r.statusCode(), "acknowledged either way, so that the Bot Framework does not send it again");
            }
            assertEquals(200, f.post(from(f, "sam", "s-1", "who approves exceptions?")).statusCode());

            List<JsonNode> toJo = sentTo(f, "a:flood-chat-jo");
            assertEquals(4, toJo.size(), "three answers and one slow-down: " + toJo);
            for (int i = 0; i < 3; i++) {
                assertTrue(isCard(toJo.get(i)), "answer card " + i);
                assertEquals("m-" + (i + 1), toJo.get(i).path("replyToId").asText());
            }
            JsonNode told = toJo.get(3);
            assertEquals("message", told.path("type").asText());
            assertEquals("m-4", told.path("replyToId").asText(), "said in reply to the first message refused");
            assertTrue(told.path("text").asText().startsWith(SLOW_DOWN), told.toString());
            assertEquals(List.of(true), sentTo(f, "a:flood-chat-sam").stream().map(TeamsFloodTest::isCard).toList(),
                    "Sam is answered");

            // a minute later, still over the rate (the bucket has not refilled): told again, once
            f.clock.advance(Duration.ofSeconds(61));
            assertEquals(200, f.post(from(f, "jo", "m-7", "and for reports?")).statusCode());
            assertEquals(200, f.post(from(f, "jo", "m-8", "and for minutes?")).statusCode());
            List<JsonNode> later = sentTo(f, "a:flood-chat-jo");
            assertEquals(5, later.size());
            assertEquals("m-7", later.get(4).path("replyToId").asText());
            assertTrue(later.get(4).path("text").asText().startsWith(SLOW_DOWN));

            // twenty seconds of refill give Jo one question again
            now.addAndGet(TimeUnit.SECONDS.toNanos(20));
            assertEquals(200, f.post(from(f, "jo", "m-9", "can I use Copilot?")).statusCode());
            assertTrue(isCard(sentTo(f, "a:flood-chat-jo").get(5)));

            String s = scrape(f);
            assertEquals(5.0, value(s, "policybot_questions_refused_total{channel=\"teams\",limit=\"user\"}"));
            assertEquals(0.0, value(s, "policybot_questions_refused_total{channel=\"teams\",limit=\"channel\"}"));
            assertEquals(5.0, answered(s), "refused questions never reach the core");
        }
    }

    @Test
    void aBusyChannelIsLimitedAsAWholeAcrossItsThreadsAndAnotherChannelIsNot() throws Exception {
        try (TeamsFixture f = new TeamsFixture(dir)) {
            f.metrics.limit(new QuestionLimits(0, 2, System::nanoTime));
            String general = "19:flood-general@thread.tacv2";
            String other = "19:flood-other@thread.tacv2";
            assertEquals(200, f.post(inChannel(f, general, "1", "ann", "c-1")).statusCode());
            assertEquals(200, f.post(inChannel(f, general, "2", "bob", "c-2")).statusCode());
            assertEquals(200, f.post(inChannel(f, general, "3", "cat", "c-3")).statusCode());
            assertEquals(200, f.post(inChannel(f, other, "1", "cat", "c-4")).statusCode());
            assertTrue(isCard(sentTo(f, general + ";messageid=1").get(0)));
            assertTrue(isCard(sentTo(f, general + ";messageid=2").get(0)));
            List<JsonNode> third = sentTo(f, general + ";messageid=3");
            assertEquals(1, third.size());
            assertTrue(third.get(0).path("text").asText().startsWith("Questions here are coming faster than I can answer them well"),
                    third.toString());
            assertTrue(isCard(sentTo(f, other + ";messageid=1").get(0)), "another channel is not held up");
            assertEquals(1.0, value(scrape(f), "policybot_questions_refused_total{channel=\"teams\",limit=\"channel\"}"));
        }
    }

    @Test
    void feedbackAndTicketsSpendThePersonsTokensAndARefusedTicketIsNotOpened() throws Exception {
        try (TeamsFixture f = new TeamsFixture(dir)) {
            f.metrics.limit(new QuestionLimits(1, 0, System::nanoTime));
            assertEquals(200, f.post(from(f, "jo", "m-1", "can I paste student marks into ChatGPT?")).statusCode());

            ObjectNode feedback = from(f, "jo", "m-2", null);
            feedback.putObject("value").put("policybot", "feedback").put("helpful", false)
                    .put("q", "can I paste student marks into ChatGPT?").put("qid", "m-1");
            assertEquals(200, f.post(feedback).statusCode());
            List<JsonNode> sent = sentTo(f, "a:flood-chat-jo");
            assertEquals(2, sent.size());
            assertTrue(sent.get(1).path("text").asText().startsWith(SLOW_DOWN), sent.get(1).toString());
            assertEquals(0, f.store.review().list(null).stream().mapToInt(r -> r.notHelpfulCount()).sum(),
                    "the feedback was not recorded");

            ObjectNode submit = f.activity("invoke", "inv-1", "a:flood-chat-jo", "personal");
            submit.put("name", "task/submit");
            submit.putObject("value").put("type", "task/submit").putObject("data").put("policybot", "specialist.send")
                    .put("qid", "m-1").put("team", "dts").put("question", "Which AI tools are approved for research data?");
            HttpResponse<String> r = f.post(submit);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode task = TeamsFixture.read(r.body()).path("task");
            assertEquals("message", task.path("type").asText());
            assertTrue(task.path("value").asText().startsWith(SLOW_DOWN), task.toString());
            assertTrue(task.path("value").asText().endsWith(" Nothing was sent to the team."), task.toString());
            assertEquals(0, f.store.tickets().list(null, null).size(), "no ticket was opened");
            assertEquals(2.0, value(scrape(f), "policybot_questions_refused_total{channel=\"teams\",limit=\"user\"}"));
        }
    }

    @Test
    void aFullPoolOfTurnsRefusesActivitiesWith503AndMetricsShowItsDepthAndRefusals() throws Exception {
        // one thread, two places in the queue; the connector holds each answer for a while
        try (TeamsFixture f = new TeamsFixture(dir, null, 1, 2)) {
            String idle = scrape(f);
            assertEquals(0.0, value(idle, "policybot_work_queue_depth{channel=\"teams\"}"));
            assertEquals(2.0, value(idle, "policybot_work_queue_capacity{channel=\"teams\"}"));
            assertEquals(0.0, value(idle, "policybot_work_rejected_total{channel=\"teams\"}"));
            synchronized (f.connectorScript) {
                for (int i = 0; i < 3; i++) {
                    f.connectorScript.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .headersDelay(1500, TimeUnit.MILLISECONDS).body("{\"id\":\"slow-" + i + "\"}").build());
                }
            }
            List<CompletableFuture<HttpResponse<String>>> accepted = new ArrayList<>();
            accepted.add(CompletableFuture.supplyAsync(() -> f.post(from(f, "u0", "b-0", "hello"))));
            // the one thread is now inside the connector call (the fake has it and holds its answer)
            await(() -> f.connectorRequests.size() == 1);
            for (int i = 1; i <= 2; i++) {
                String id = "b-" + i;
                String who = "u" + i;
                accepted.add(CompletableFuture.supplyAsync(() -> f.post(from(f, who, id, "hello"))));
            }
            await(() -> value(scrapeQuietly(f), "policybot_work_queue_depth{channel=\"teams\"}") == 2.0);
            List<Integer> refused = new ArrayList<>();
            for (int i = 3; i <= 5; i++) {
                HttpResponse<String> r = f.post(from(f, "u" + i, "b-" + i, "hello"));
                refused.add(r.statusCode());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                assertEquals("{\"id\":null,\"error\":\"the bot is busy: send the activity again in a moment\"}", r.body());
            }
            assertEquals(List.of(503, 503, 503), refused);
            String busy = scrape(f);
            assertEquals(2.0, value(busy, "policybot_work_queue_depth{channel=\"teams\"}"), "two waiting");
            assertEquals(1.0, value(busy, "policybot_work_active{channel=\"teams\"}"));
            assertEquals(3.0, value(busy, "policybot_work_rejected_total{channel=\"teams\"}"));
            for (CompletableFuture<HttpResponse<String>> r : accepted) {
                assertEquals(200, r.get(30, TimeUnit.SECONDS).statusCode(), "every accepted activity was answered");
            }
            assertEquals(0.0, value(scrape(f), "policybot_work_queue_depth{channel=\"teams\"}"));
            assertEquals(3, f.connectorRequests.size(), "nothing was sent for the refused ones");
            // the Bot Framework's retry of a refused activity is taken once there is room
            assertEquals(200, f.post(from(f, "u3", "b-3", "hello")).statusCode());
            assertEquals(4, f.connectorRequests.size());
        }
    }

    private static String scrapeQuietly(TeamsFixture f) {
        try {
            return scrape(f);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
