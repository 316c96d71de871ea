package policybot.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.digest.DigestPayload;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.SampleDigest;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/** The weekly digest posted to the policy owner's webhook: signed JSON with the figures and the words. */
class WebhookDigestTest {
    private static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "digest/2026-W48/webhook:policy-owner";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final WebhookDeliveryTest.MovableClock clock = new WebhookDeliveryTest.MovableClock(Instant.parse("2026-11-23T09:00:05Z"));
    private Database db;
    private Outbox outbox;
    private OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        server.start();
        db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        outbox = new Outbox(db, clock);
        WebhookDelivery hook = new WebhookDelivery(WebhookDelivery.client(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5)), server.url("/hooks/policy"), SECRET, clock);
        worker = new OutboxWorker(db, new WebhookDeliveries(Map.of("policy-owner", hook)),
                new OutboxSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1), 10), clock, "w");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theDigestIsPostedSignedWithItsFiguresAndWords() throws Exception {
        server.enqueue(new MockResponse.Builder().code(202).build());
        String payload = DigestPayload.write(SampleDigest.week48());
        db.inTransaction(c -> outbox.enqueue(c, "webhook:policy-owner", KEY, payload));
        assertEquals(1, worker.runOnce());

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("/hooks/policy", request.getTarget());
        String body = request.getBody().utf8();
        assertEquals(payload, body);
        assertEquals(KEY, request.getHeaders().get(WebhookDelivery.IDEMPOTENCY_HEADER), "a receiver drops a repeat by it");
        long ts = Long.parseLong(request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER));
        assertEquals(clock.instant().getEpochSecond(), ts);
        assertTrue(WebhookSignature.verify(SECRET, ts, body, request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)));

        JsonNode root = JSON.readTree(body);
        assertEquals("digest.weekly", root.path("event").asText());
        JsonNode d = root.path("digest");
        assertEquals("2026-W48", d.path("week").asText());
        assertEquals("1.2", d.path("policy_version").asText());
        assertEquals("2026-11-16T09:00:00Z", d.path("from").asText());
        assertEquals(131, d.path("questions").path("asked").asInt());
        assertEquals(97, d.path("questions").path("answered").asInt());
        assertEquals(23, d.path("questions").path("not_covered").asInt());
        assertEquals(0.8083, d.path("questions").path("answer_rate").asDouble());
        assertEquals(7, d.path("unanswered").path("wordings").asInt());
        assertEquals(4, d.path("unanswered").path("new_wordings").asInt());
        assertEquals("Can [email] use Copilot to mark essays?", d.path("unanswered").path("top").get(0).path("wording").asText());
        assertEquals(6, d.path("unanswered").path("top").get(0).path("occurrences").asInt());
        assertEquals(5, d.path("tickets").path("opened").asInt());
        assertEquals(3, d.path("tickets").path("resolved").asInt());
        assertEquals(3, d.path("tickets").path("waiting").asInt());
        JsonNode ig = d.path("tickets").path("by_team").get(0);
        assertEquals("information-governance", ig.path("team").asText());
        assertEquals(2, ig.path("waiting").asInt());
        assertEquals(1, ig.path("unclaimed").asInt());
        assertEquals(21 * 86_400, ig.path("oldest_age_seconds").asLong());
        assertEquals("https://policybot.example.ac.uk/admin", d.path("admin_url").asText());
        assertEquals(DigestText.render(SampleDigest.week48()), root.path("text").asText());
        assertEquals(OutboxStatus.DELIVERED, outbox.list(OutboxStatus.DELIVERED, 10).get(0).status());
    }

    @Test
    void anEventPolicyBotDoesNotSendIsDeadLetteredNotPosted() {
        outbox.enqueue("webhook:policy-owner", "{\"event\":\"ticket.exploded\",\"ticket\":{\"id\":1}}");
        outbox.enqueue("webhook:policy-owner", "{\"hello\":\"world\"}");
        worker.runOnce();
        var dead = outbox.list(OutboxStatus.DEAD, 10);
        assertEquals(2, dead.size());
        assertEquals("the webhook delivery does not send this item: 'ticket.exploded' is not an event PolicyBot sends",
                dead.get(0).lastError());
        assertEquals("the webhook delivery does not send this item: the payload names no event", dead.get(1).lastError());
        assertEquals(0, server.getRequestCount());
        OutboxItem first = dead.get(0);
        assertEquals(1, first.attempts());
    }
}
