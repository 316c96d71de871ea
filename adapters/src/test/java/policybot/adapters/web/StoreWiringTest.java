package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.adapters.web.admin.AdminAuth;
import policybot.adapters.webhook.WebhookDeliveries;
import policybot.adapters.webhook.WebhookDelivery;
import policybot.adapters.webhook.WebhookSignature;
import policybot.bot.Question;
import policybot.bot.StoreTasks;
import policybot.bot.activity.AnswerLog.DailyCount;
import policybot.bot.answer.AnswerKind;
import policybot.bot.escalation.Ticket;
import policybot.bot.outbox.Deliveries;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewStatus;
import policybot.bot.routing.DestinationType;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.TestStore;

/** The chat's Helpful / Not helpful and Ask a specialist, /readyz, /metrics and the outbox, on the real store over real HTTP. */
class StoreWiringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUT_OF_SCOPE = "what is the capital of Australia?";

    @TempDir
    Path dir;

    private static StoreServer start(TestStore kind, Path dir) {
        return StoreServer.start(kind, dir, AdminAuth.off());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void feedbackIsCommittedAndNotHelpfulJoinsTheReviewQueueRedacted(TestStore kind) throws Exception {
        try (StoreServer s = start(kind, dir)) {
            HttpResponse<String> helpful = s.http.postJson("/api/feedback",
                    "{\"id\": \"web-1\", \"question\": \"can I paste student marks into ChatGPT?\", \"helpful\": true}");
            assertEquals(201, helpful.statusCode(), helpful.body());
            JsonNode receipt = JSON.readTree(helpful.body());
            assertTrue(receipt.get("reference").asText().matches("F-\\d+"), helpful.body());
            assertEquals(1, s.count("SELECT COUNT(*) FROM feedback WHERE helpful = 1 AND question_id = 'web-1'"));
            assertEquals(0, s.count("SELECT COUNT(*) FROM review_items"), "helpful feedback does not queue the question");

            HttpResponse<String> not = s.http.postJson("/api/feedback", "{\"question\": \"can I use Midjourney for posters?\", "
                    + "\"helpful\": false, \"comment\": \"write to me at jo.bloggs@uni.ac.uk\"}");
            assertEquals(201, not.statusCode(), not.body());
            assertTrue(JSON.readTree(not.body()).get("message").asText().contains("the policy team will review"));
            List<ReviewItem> queued = s.store.review().list(ReviewStatus.NEW);
            assertEquals(1, queued.size());
            assertEquals(1, queued.get(0).notHelpfulCount());
            assertEquals("can I use Midjourney for posters?", queued.get(0).example());
            assertEquals(1, s.count("SELECT COUNT(*) FROM feedback WHERE reason = 'write to me at [email]'"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void askASpecialistOpensATicketAndTellsItsNumber(TestStore kind) throws Exception {
        String question = "I want to talk to someone in information governance about a DPIA";
        String expectedTeam = TestBots.shared().answer(Question.of(question)).route();
        try (StoreServer s = start(kind, dir)) {
            HttpResponse<String> r = s.http.postJson("/api/escalations", "{\"id\": \"web-2\", \"question\": \"" + question
                    + "\", \"contact\": \"jo.bloggs@uni.ac.uk\", \"details\": \"by Friday\", \"route\": \"dts\"}");
            assertEquals(201, r.statusCode(), r.body());
            JsonNode receipt = JSON.readTree(r.body());
            Ticket t = s.store.tickets().list(null, null).get(0);
            assertEquals(t.reference(), receipt.get("reference").asText());
            String team = expectedTeam == null ? "policy-owner" : expectedTeam;
            assertEquals(team, t.team(), "the bot's route decides the team, not the client's");
            assertEquals("jo.bloggs@uni.ac.uk", t.requester());
            assertEquals("web", t.channel());
            assertEquals(question + "\n\nDetails from the requester: by Friday", t.question());
            assertEquals("1.2", t.policyVersion());
            assertEquals("Your question is now ticket " + t.reference() + " for the "
                    + RoutingTable.bundled().require(team).name() + ". They will contact you at jo.bloggs@uni.ac.uk. "
                    + "You can also write to them at " + team + "@example.ac.uk, quoting " + t.reference() + ".",
                    receipt.get("message").asText());
            assertEquals("opened", s.store.tickets().history(t.id()).get(0).type());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void whenTheStoreFailsNoNumberIsGivenAndNothingIsKept(TestStore kind) throws Exception {
        try (StoreServer s = start(kind, dir)) {
            // the ticket row goes in, its history line cannot: the transaction rolls back
            s.execute("ALTER TABLE ticket_events RENAME TO ticket_events_away");
            HttpResponse<String> r = s.http.postJson("/api/escalations",
                    "{\"question\": \"I need an exception to the policy\", \"contact\": \"jo@example.ac.uk\"}");
            assertEquals(503, r.statusCode(), r.body());
            JsonNode body = JSON.readTree(r.body());
            assertFalse(body.has("reference"));
            String error = body.get("error").asText();
            assertTrue(error.startsWith("Your request could not be recorded just now (the ticket store is not available). "
                    + "No ticket was created: please try again later, or contact "), error);
            assertFalse(error.matches(".*T-\\d.*"), "no ticket number: " + error);
            assertFalse(error.contains("ticket_events"), "no internal detail: " + error);
            s.execute("ALTER TABLE ticket_events_away RENAME TO ticket_events");
            assertEquals(0, s.count("SELECT COUNT(*) FROM tickets"));

            s.execute("ALTER TABLE feedback RENAME TO feedback_away");
            HttpResponse<String> f = s.http.postJson("/api/feedback", "{\"question\": \"can I use ChatGPT?\", \"helpful\": false}");
            assertEquals(503, f.statusCode());
            assertTrue(JSON.readTree(f.body()).get("error").asText().contains("Nothing was saved"), f.body());
            s.execute("ALTER TABLE feedback_away RENAME TO feedback");
            assertEquals(0, s.count("SELECT COUNT(*) FROM review_items"), "the not-helpful item rolled back with it");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void everyAnswerIsCountedAndWhatTheBotCouldNotAnswerIsQueued(TestStore kind) throws Exception {
        try (StoreServer s = start(kind, dir)) {
            assertEquals(200, s.http.postJson("/api/ask", "{\"text\": \"" + OUT_OF_SCOPE + "\"}").statusCode());
            assertEquals(200, s.http.postJson("/api/ask", "{\"text\": \"can I paste student marks into ChatGPT?\"}").statusCode());
            assertEquals(200, s.http.postJson("/api/ask", "{\"text\": \"" + OUT_OF_SCOPE + "\"}").statusCode());
            List<ReviewItem> queued = s.store.review().list(null);
            assertEquals(1, queued.size(), "only the out-of-scope wording");
            assertEquals(2, queued.get(0).noAnswerCount());

            s.answers.flush();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertEquals(List.of(new DailyCount(today, AnswerKind.ANSWER, 1), new DailyCount(today, AnswerKind.NO_ANSWER, 2)),
                    s.answers.daily(today, today));
            assertEquals(0, s.count("SELECT COUNT(*) FROM answer_log WHERE channel <> 'web'"));
        }
    }

    @Test
    void readinessChecksTheStoreAndMetricsShowTicketsAndTheOutbox() throws Exception {
        try (StoreServer s = start(TestStore.SQLITE, dir)) {
            HttpResponse<String> ready = s.http.get("/readyz");
            assertEquals(200, ready.statusCode());
            assertEquals("ok", JSON.readTree(ready.body()).get("checks").get("store").asText());

            s.http.postJson("/api/escalations", "{\"question\": \"I want to speak to a person\", \"contact\": \"x@example.ac.uk\"}");
            Ticket t = s.store.tickets().list(null, null).get(0);
            s.store.outbox().enqueue("slack:C0123ABCDEF", "{}");
            String metrics = s.http.get("/metrics").body();
            assertEquals(1.0, Prometheus.value(metrics, open(t.team(), "under_1h")).orElseThrow());
            assertEquals(0.0, Prometheus.value(metrics, open("dts", "over_7d")).orElseThrow());
            assertEquals(1.0, Prometheus.value(metrics, "policybot_outbox_backlog").orElseThrow());
            assertEquals(0.0, Prometheus.value(metrics, "policybot_outbox_dead_letters").orElseThrow());
            s.store.tickets().claim(t.id(), "someone");
            assertEquals(0.0, Prometheus.value(s.http.get("/metrics").body(), open(t.team(), "under_1h")).orElseThrow(),
                    "a claimed ticket is no longer waiting");
        }
    }

    private static String open(String team, String age) {
        return "policybot_tickets_open{age=\"" + age + "\",team=\"" + team + "\"}";
    }

    @Test
    void theServerDeliversTheOutboxOnItsTimerAndFlushesTheCountsWhenItStops() throws Exception {
        byte[] secret = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
        try (MockWebServer desk = new MockWebServer()) {
            desk.start();
            desk.enqueue(new MockResponse.Builder().code(503).build());
            desk.enqueue(new MockResponse.Builder().code(201).build());
            String url = desk.url("/api/policybot").toString();
            Path file = dir.resolve("routing.yaml");
            String bundled;
            try (var in = RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)) {
                bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(file, bundled.replace("    destinations:\n", "    destinations:\n      webhook: " + url + "\n"));
            RoutingTable routing = RoutingTable.load(file);
            Deliveries deliveries = Deliveries.none().with(DestinationType.WEBHOOK, new WebhookDeliveries(Map.of(url,
                    new WebhookDelivery(WebhookDelivery.client(Duration.ofSeconds(2), Duration.ofSeconds(2),
                            Duration.ofSeconds(5)), HttpUrl.get(url), secret, Clock.systemUTC()))));
            StoreServer s = StoreServer.start(TestStore.SQLITE, dir, AdminAuth.off(), routing, deliveries,
                    new StoreTasks.Intervals(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(1)));
            try {
                HttpResponse<String> r = s.http.postJson("/api/escalations",
                        "{\"question\": \"I want to speak to a person\", \"contact\": \"x@example.ac.uk\"}");
                assertEquals(201, r.statusCode(), r.body());
                String reference = JSON.readTree(r.body()).get("reference").asText();

                RecordedRequest first = desk.takeRequest(10, TimeUnit.SECONDS);
                assertNotNull(first, "the outbox worker posted the ticket");
                // the 503 is retried after the outbox's back-off (5 s by default); the same key both times
                RecordedRequest second = desk.takeRequest(20, TimeUnit.SECONDS);
                assertNotNull(second, "the 503 was retried");
                assertEquals(first.getHeaders().get("Idempotency-Key"), second.getHeaders().get("Idempotency-Key"));
                String body = second.getBody().utf8();
                JsonNode payload = JSON.readTree(body);
                assertEquals("ticket.opened", payload.get("event").asText());
                assertEquals(reference, payload.get("ticket").get("reference").asText());
                assertTrue(WebhookSignature.verify(secret, Long.parseLong(second.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER)),
                        body, second.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)));

                s.http.postJson("/api/ask", "{\"text\": \"hello\"}");
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                assertEquals(List.of(), s.answers.daily(today, today), "counts wait for the flush (hourly here)");
            } finally {
                s.close();
            }
            assertEquals(1, s.answers.daily(LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC)).size(),
                    "a graceful stop writes the last counts");
        }
    }
}
