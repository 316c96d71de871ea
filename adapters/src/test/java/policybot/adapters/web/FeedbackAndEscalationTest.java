package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** POST /api/feedback and /api/escalations: validation, the sinks' receipts, and 503 until a store exists. */
class FeedbackAndEscalationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sink that keeps what it is given, as the store will (minus the database). */
    static final class Recorded implements FeedbackSink, EscalationSink {
        final List<Feedback> feedback = new CopyOnWriteArrayList<>();
        final List<EscalationRequest> escalations = new CopyOnWriteArrayList<>();

        @Override
        public Receipt record(Feedback f) {
            feedback.add(f);
            return new Receipt("F-" + feedback.size(), "Thank you: your feedback was recorded.");
        }

        @Override
        public Receipt escalate(EscalationRequest r) {
            escalations.add(r);
            return new Receipt("T-" + escalations.size(), "Ticket T-" + escalations.size() + " was created.");
        }
    }

    private static WebServer start(WebServices services) {
        return new WebServer(WebConfig.local(), TestBots.shared(), services, new WebMetrics()).start();
    }

    @Test
    void withoutAStoreBothAnswer503WithAClearMessage() throws Exception {
        try (WebServer server = start(WebServices.withoutStore())) {
            Http http = new Http(server.port());
            HttpResponse<String> f = http.postJson("/api/feedback", "{\"question\": \"can I use ChatGPT?\", \"helpful\": true}");
            assertEquals(503, f.statusCode());
            assertTrue(JSON.readTree(f.body()).get("error").asText().contains("Nothing was saved"), f.body());

            HttpResponse<String> e = http.postJson("/api/escalations",
                    "{\"question\": \"can I use ChatGPT?\", \"contact\": \"a.person@example.ac.uk\"}");
            assertEquals(503, e.statusCode());
            assertTrue(JSON.readTree(e.body()).get("error").asText().contains("No ticket was created"), e.body());
        }
    }

    @Test
    void feedbackReachesTheSinkAndItsReceiptIsReturned() throws Exception {
        Recorded sink = new Recorded();
        try (WebServer server = start(WebServices.withoutStore().withFeedback(sink))) {
            HttpResponse<String> r = new Http(server.port()).postJson("/api/feedback",
                    "{\"id\": \"web-3\", \"question\": \"can I use ChatGPT?\", \"helpful\": false, "
                            + "\"comment\": \"it did not mention Copilot\", \"policy_version\": \"1.2\", \"conversation\": \"abc\"}");
            assertEquals(201, r.statusCode());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("F-1", body.get("reference").asText());
            assertEquals("Thank you: your feedback was recorded.", body.get("message").asText());
            assertEquals(List.of(new Feedback("web-3", "can I use ChatGPT?", false, "it did not mention Copilot", "1.2",
                    "web:abc", null, "web")), sink.feedback);
        }
    }

    @Test
    void feedbackNeedsAQuestionAndAHelpfulFlag() {
        Recorded sink = new Recorded();
        try (WebServer server = start(WebServices.withoutStore().withFeedback(sink))) {
            Http http = new Http(server.port());
            HttpResponse<String> noFlag = http.postJson("/api/feedback", "{\"question\": \"can I use ChatGPT?\"}");
            assertEquals(400, noFlag.statusCode());
            assertTrue(noFlag.body().contains("\\\"helpful\\\": true or false"), noFlag.body());
            HttpResponse<String> noQuestion = http.postJson("/api/feedback", "{\"helpful\": true}");
            assertEquals(400, noQuestion.statusCode());
            HttpResponse<String> longComment = http.postJson("/api/feedback",
                    "{\"question\": \"q\", \"helpful\": true, \"comment\": \"" + "c".repeat(Endpoints.MAX_COMMENT + 1) + "\"}");
            assertEquals(400, longComment.statusCode());
            assertTrue(sink.feedback.isEmpty());
        }
    }

    @Test
    void anEscalationReachesTheSinkWithTheContactAndTheSuggestedTeam() throws Exception {
        Recorded sink = new Recorded();
        try (WebServer server = start(WebServices.withoutStore().withEscalations(sink))) {
            HttpResponse<String> r = new Http(server.port()).postJson("/api/escalations",
                    "{\"question\": \"I need an exception for my project\", \"contact\": \"a.person@example.ac.uk\", "
                            + "\"details\": \"deadline Friday\", \"route\": \"exceptions\"}");
            assertEquals(201, r.statusCode());
            assertEquals("T-1", JSON.readTree(r.body()).get("reference").asText());
            EscalationRequest got = sink.escalations.get(0);
            assertEquals("a.person@example.ac.uk", got.contact());
            assertEquals("exceptions", got.suggestedTeam());
            assertEquals("deadline Friday", got.details());
            assertEquals("web", got.channel());
            assertFalse(got.toString().contains("a.person"), "the contact never reaches a log through toString");
        }
    }

    @Test
    void anEscalationNeedsAContactAndAWellFormedTeamKey() {
        Recorded sink = new Recorded();
        try (WebServer server = start(WebServices.withoutStore().withEscalations(sink))) {
            Http http = new Http(server.port());
            HttpResponse<String> noContact = http.postJson("/api/escalations", "{\"question\": \"help me\"}");
            assertEquals(400, noContact.statusCode());
            assertTrue(noContact.body().contains("contact"), noContact.body());
            HttpResponse<String> badRoute = http.postJson("/api/escalations",
                    "{\"question\": \"help me\", \"contact\": \"x@example.ac.uk\", \"route\": \"<script>\"}");
            assertEquals(400, badRoute.statusCode());
            assertTrue(sink.escalations.isEmpty());
        }
    }

    @Test
    void aFailingSinkGives500WithoutItsDetailsOrAStackTrace() throws Exception {
        FeedbackSink broken = f -> {
            throw new IllegalStateException("SQLITE_BUSY at /var/lib/policybot/store.db");
        };
        try (WebServer server = start(WebServices.withoutStore().withFeedback(broken))) {
            HttpResponse<String> r = new Http(server.port()).postJson("/api/feedback",
                    "{\"question\": \"can I use ChatGPT?\", \"helpful\": true}");
            assertEquals(500, r.statusCode());
            assertEquals("the server could not handle this request (an internal error, logged)",
                    JSON.readTree(r.body()).get("error").asText());
            assertFalse(r.body().contains("SQLITE"), r.body());
            assertFalse(r.body().contains("at policybot."), r.body());
        }
    }
}
