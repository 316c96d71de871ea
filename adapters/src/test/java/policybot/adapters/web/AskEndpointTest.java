package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.AnswerJson;

/** POST /api/ask against the real server on loopback, compared with the core's own answer call. */
class AskEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKS = "can I paste student marks into ChatGPT?";

    private static PolicyBot bot;
    private static WebServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        bot = TestBots.shared();
        server = new WebServer(WebConfig.local(), bot, WebServices.withoutStore(), new WebMetrics()).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String expected(String id, String text) {
        return AnswerJson.line(bot.answer(new Question(id, text, null, "web", null)));
    }

    private static String json(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }

    @Test
    void answersWithTheSameBytesAsTheCoreAnswerCall() throws Exception {
        HttpResponse<String> r = http.postJson("/api/ask", "{\"id\": \"q-17\", \"text\": \"" + MARKS + "\"}");

        assertEquals(200, r.statusCode());
        assertEquals("application/json;charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", "").toLowerCase());
        assertEquals(expected("q-17", MARKS), r.body());

        JsonNode answer = JSON.readTree(r.body());
        List<String> fields = new ArrayList<>();
        answer.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "kind", "verdict", "route", "confidence", "text", "citations", "policy_version"), fields);
        assertEquals("q-17", answer.get("id").asText());
        assertEquals("answer", answer.get("kind").asText());
        assertEquals("not_allowed", answer.get("verdict").asText());
        assertEquals("1.2", answer.get("policy_version").asText());
        assertTrue(answer.get("citations").size() > 0);
        for (Iterator<JsonNode> it = answer.get("citations").elements(); it.hasNext(); ) {
            JsonNode c = it.next();
            List<String> cf = new ArrayList<>();
            c.fieldNames().forEachRemaining(cf::add);
            assertEquals(List.of("clause", "section", "quote", "score"), cf);
            assertFalse(c.get("quote").asText().isBlank());
        }
    }

    @Test
    void sameQuestionGivesByteIdenticalAnswers() {
        String body = json("text", "who approves exceptions to the policy?");
        assertEquals(http.postJson("/api/ask", body).body(), http.postJson("/api/ask", body).body());
    }

    @Test
    void acceptsCurlsDefaultFormTypeWhenTheBodyIsJson() {
        // curl -d '{"text": ...}' sends application/x-www-form-urlencoded; the documented one-liner must work.
        HttpResponse<String> r = http.send(http.request("/api/ask")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(json("text", MARKS))).build());
        assertEquals(200, r.statusCode());
        assertEquals(expected(null, MARKS), r.body());
    }

    @Test
    void badJsonIs400WithAClearMessage() {
        HttpResponse<String> r = http.postJson("/api/ask", "{\"text\": \"unfinished");
        assertEquals(400, r.statusCode());
        assertEquals("{\"id\":null,\"error\":\"the request body is not valid JSON\"}", r.body());
    }

    @Test
    void aJsonValueThatIsNotAnObjectIs400() {
        HttpResponse<String> r = http.postJson("/api/ask", "[\"can I use ChatGPT?\"]");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("must be a JSON object"), r.body());
    }

    @Test
    void anEmptyBodyIs400() {
        HttpResponse<String> r = http.postJson("/api/ask", "");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("has no body"), r.body());
    }

    @Test
    void missingTextIs400AndEchoesTheId() {
        HttpResponse<String> r = http.postJson("/api/ask", "{\"id\": \"q-9\", \"question\": \"can I?\"}");
        assertEquals(400, r.statusCode());
        assertEquals("{\"id\":\"q-9\",\"error\":\"the request has no \\\"text\\\" string\"}", r.body());
    }

    @Test
    void blankTextIs400() {
        HttpResponse<String> r = http.postJson("/api/ask", json("text", "   "));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("the message has no text"), r.body());
    }

    @Test
    void textOverTheCoresLimitIs400WithTheLimit() {
        HttpResponse<String> r = http.postJson("/api/ask", json("text", "a".repeat(Question.MAX_LENGTH + 1)));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("the limit is " + Question.MAX_LENGTH), r.body());
    }

    @Test
    void controlCharactersAre400() {
        HttpResponse<String> r = http.postJson("/api/ask", json("text", "can I use \u0007 ChatGPT?"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("control character (U+0007)"), r.body());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = json("text", "x".repeat(WebConfig.DEFAULT_MAX_BODY));
        // repeated: the client is still sending when the server refuses, and must read the 413 every time
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = http.postJson("/api/ask", big);
            assertEquals(413, r.statusCode());
            assertTrue(r.body().contains("larger than " + WebConfig.DEFAULT_MAX_BODY + " bytes"), r.body());
        }
        assertEquals(200, http.postJson("/api/ask", json("text", MARKS)).statusCode(), "and the server goes on");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        // No Content-Length: the limit must hold while reading, not only from the header.
        byte[] big = json("text", "x".repeat(20 * WebConfig.DEFAULT_MAX_BODY)).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = http.send(http.request("/api/ask").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
            assertEquals(413, r.statusCode());
        }
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIs415() {
        HttpResponse<String> r = http.send(http.request("/api/ask").header("Content-Type", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(json("text", MARKS))).build());
        assertEquals(415, r.statusCode());
        assertTrue(r.body().contains("application/json"), r.body());
    }

    @Test
    void getOnTheApiIs405AndUnknownPathsAre404AsJson() throws Exception {
        HttpResponse<String> get = http.get("/api/ask");
        assertEquals(405, get.statusCode());
        assertTrue(JSON.readTree(get.body()).get("error").asText().contains("GET"));
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());

        HttpResponse<String> missing = http.get("/api/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("there is nothing at /api/nothing-here", JSON.readTree(missing.body()).get("error").asText());
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() throws Exception {
        // headers over Jetty's 8 KB limit never reach a route
        HttpResponse<String> big = http.send(http.request("/api/ask").header("X-Padding", "a".repeat(20_000))
                .POST(HttpRequest.BodyPublishers.ofString(json("text", MARKS))).build());
        assertEquals(431, big.statusCode());
        assertTrue(big.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("the server could not take this request: request header fields too large (431)",
                JSON.readTree(big.body()).get("error").asText());

        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
            assertTrue(raw.contains("{\"id\":null,\"error\":\"the server could not take this request: bad request (400)\"}"), raw);
            assertFalse(raw.contains("Exception") || raw.contains("<html"), raw);
        }
    }

    @Test
    void aFollowUpIsReadWithTheQuestionBeforeItInTheSameConversation() {
        String followUp = "what about Gemini?";
        http.postJson("/api/ask", "{\"text\": \"" + MARKS + "\", \"conversation\": \"c-1\"}");
        String inConversation = http.postJson("/api/ask", "{\"text\": \"" + followUp + "\", \"conversation\": \"c-1\"}").body();
        String alone = http.postJson("/api/ask", "{\"text\": \"" + followUp + "\", \"conversation\": \"c-2\"}").body();

        bot.answer(new Question(null, MARKS, null, "web", "expected-1"));
        assertEquals(AnswerJson.line(bot.answer(new Question(null, followUp, null, "web", "expected-1"))), inConversation);
        assertEquals(expected(null, followUp), alone);
        assertNotEquals(alone, inConversation);
    }

    @Test
    void concurrentQuestionsEachGetTheirOwnAnswer() throws Exception {
        List<String> questions = List.of(MARKS, "who approves exceptions?", "hello", "what is a public AI service?",
                "can I use Copilot to draft an email?", "I want to talk to someone in Information Governance",
                "what is the weather tomorrow?", "can I upload confidential research data to Gemini?");
        List<String> expected = questions.stream().map(q -> expected(null, q)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < questions.size(); i++) {
                    int n = i;
                    results.add(pool.submit(() ->
                            http.postJson("/api/ask", json("text", questions.get(n))).body().equals(expected.get(n))));
                }
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
