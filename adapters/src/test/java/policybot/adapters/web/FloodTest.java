package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The flood guard on the web API: a person, and the web chat as a whole, over their rate are told to slow down. */
class FloodTest {

    private static String ask(String user, String text) {
        return user == null ? "{\"text\": \"" + text + "\"}" : "{\"text\": \"" + text + "\", \"user\": \"" + user + "\"}";
    }

    @Test
    void aPersonOverTheirRateGets429WithRetryAfterAndOthersAreStillAnswered() {
        WebMetrics metrics = new WebMetrics();
        metrics.limit(new QuestionLimits(3, 0, System::nanoTime));
        try (WebServer server = new WebServer(WebConfig.local(), TestBots.shared(), WebServices.withoutStore(), metrics).start()) {
            Http http = new Http(server.port());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.postJson("/api/ask", ask("jo", "can I use ChatGPT for emails?")).statusCode());
            }
            HttpResponse<String> slow = http.postJson("/api/ask", "{\"id\": \"q-4\", \"text\": \"and for reports?\", \"user\": \"jo\"}");
            assertEquals(429, slow.statusCode(), slow.body());
            long retry = Long.parseLong(slow.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 20, "one of three a minute comes back within 20 s: " + retry);
            assertEquals("{\"id\":\"q-4\",\"error\":\"You are asking questions faster than I can answer them well: please "
                    + "slow down and ask again in " + retry + (retry == 1 ? " second.\"}" : " seconds.\"}"), slow.body());
            // feedback and "ask a specialist" spend the same tokens (each is answered by the core, and a ticket is work for a person)
            assertEquals(429, http.postJson("/api/escalations", "{\"question\": \"exception please\", \"contact\": \"jo@example.ac.uk\", "
                    + "\"user\": \"jo\"}").statusCode());
            assertEquals(429, http.postJson("/api/feedback", "{\"question\": \"hello\", \"helpful\": true, \"user\": \"jo\"}")
                    .statusCode());
            // someone else, and a client that names no one, are not held up by jo
            assertEquals(200, http.postJson("/api/ask", ask("sam", "hello")).statusCode());
            for (int i = 0; i < 10; i++) {
                assertEquals(200, http.postJson("/api/ask", ask(null, "hello")).statusCode());
            }
            // a bad request is refused for what it is, and costs nothing
            assertEquals(400, http.postJson("/api/ask", "{\"user\": \"sam\"}").statusCode());
            String scrape = http.get("/metrics").body();
            assertEquals(3.0, Prometheus.value(scrape, "policybot_questions_refused_total{channel=\"web\",limit=\"user\"}")
                    .orElseThrow(), scrape);
            assertEquals(0.0, Prometheus.value(scrape, "policybot_questions_refused_total{channel=\"web\",limit=\"channel\"}")
                    .orElseThrow());
            assertEquals(14.0, Prometheus.value(scrape, "policybot_questions_total{channel=\"web\",kind=\"answer\"}").orElse(0)
                    + Prometheus.value(scrape, "policybot_questions_total{channel=\"web\",kind=\"help\"}").orElse(0)
                    + Prometheus.value(scrape, "policybot_questions_total{channel=\"web\",kind=\"no_answer\"}").orElse(0)
                    + Prometheus.value(scrape, "policybot_questions_total{channel=\"web\",kind=\"escalation\"}").orElse(0),
                    "refused questions never reach the core");
        }
    }

    @Test
    void theWebChatAsAWholeHasItsOwnRateThatNoClientCanStepAround() {
        WebMetrics metrics = new WebMetrics();
        metrics.limit(new QuestionLimits(0, 5, System::nanoTime));
        try (WebServer server = new WebServer(WebConfig.local(), TestBots.shared(), WebServices.withoutStore(), metrics).start()) {
            Http http = new Http(server.port());
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.postJson("/api/ask", ask("user-" + i, "hello")).statusCode());
            }
            HttpResponse<String> slow = http.postJson("/api/ask", "{\"text\": \"hello\", \"user\": \"new\", \"channel\": \"other\"}");
            assertEquals(429, slow.statusCode());
            assertTrue(slow.body().contains("Questions here are coming faster than I can answer them well"), slow.body());
            assertTrue(slow.headers().firstValue("Retry-After").isPresent());
            assertEquals(1.0, Prometheus.value(http.get("/metrics").body(),
                    "policybot_questions_refused_total{channel=\"web\",limit=\"channel\"}").orElseThrow());
        }
    }

    @Test
    void bucketsRefillEvenlyAreKeptApartByChannelAndAChannelRefusalCostsThePersonNothing() {
        AtomicLong now = new AtomicLong();
        QuestionLimits limits = new QuestionLimits(2, 3, now::get);
        assertEquals(Optional.empty(), limits.take("slack", "U1", "C1"));
        assertEquals(Optional.empty(), limits.take("slack", "U1", "C1"));
        Optional<QuestionLimits.Refusal> r = limits.take("slack", "U1", "C1");
        assertEquals(QuestionLimits.Limit.USER, r.orElseThrow().limit());
        assertEquals(30, r.get().retryAfterSeconds(), "two a minute: the next in 30 s");
        // the same name in another channel is another person
        assertEquals(Optional.empty(), limits.take("web", "U1", "web"));
        // C1 has one question left; U2 takes it, then U3 is refused by the channel...
        assertEquals(Optional.empty(), limits.take("slack", "U2", "C1"));
        assertEquals(QuestionLimits.Limit.CHANNEL, limits.take("slack", "U3", "C1").orElseThrow().limit());
        // ...without losing a token of their own: in another channel U3 still has two
        assertEquals(Optional.empty(), limits.take("slack", "U3", "C2"));
        assertEquals(Optional.empty(), limits.take("slack", "U3", "C2"));
        assertTrue(limits.take("slack", "U3", "C2").isPresent());
        now.addAndGet(30_000_000_000L);
        assertEquals(Optional.empty(), limits.take("slack", "U1", "C9"), "half a minute later U1 has one again");
        assertTrue(limits.take("slack", "U1", "C9").isPresent());
        // null user or place: that limit does not apply
        QuestionLimits off = new QuestionLimits(1, 1, now::get);
        for (int i = 0; i < 5; i++) {
            assertFalse(off.take("web", null, null).isPresent());
        }
        assertFalse(QuestionLimits.NONE.take("web", "jo", "web").isPresent());
    }

    @Test
    void ratesComeFromTheEnvironmentWithDefaultsAndABadValueIsNamed() {
        QuestionLimits d = QuestionLimits.fromEnvironment(Map.of());
        assertEquals(QuestionLimits.DEFAULT_USER_RATE, d.userRate());
        assertEquals(0, d.channelRate());
        QuestionLimits set = QuestionLimits.fromEnvironment(Map.of("POLICYBOT_USER_RATE", " 6 ", "POLICYBOT_CHANNEL_RATE", "60"));
        assertEquals(6, set.userRate());
        assertEquals(60, set.channelRate());
        assertEquals(0, QuestionLimits.fromEnvironment(Map.of("POLICYBOT_USER_RATE", "0")).userRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuestionLimits.fromEnvironment(Map.of("POLICYBOT_CHANNEL_RATE", "-1")));
        assertTrue(e.getMessage().contains("POLICYBOT_CHANNEL_RATE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuestionLimits.fromEnvironment(Map.of("POLICYBOT_USER_RATE", "ten")));
    }
}
