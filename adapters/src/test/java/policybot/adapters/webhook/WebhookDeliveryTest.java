package policybot.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/** The webhook delivery against a real HTTP server on loopback (okhttp's MockWebServer). */
class WebhookDeliveryTest {
    private static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final String PAYLOAD = "{\"event\":\"ticket.opened\",\"ticket\":{\"id\":7,\"team\":\"dts\"}}";
    private static final OutboxSettings SETTINGS = new OutboxSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofMinutes(1), 10);

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final OkHttpClient client = WebhookDelivery.client(Duration.ofSeconds(2), Duration.ofMillis(300),
            Duration.ofSeconds(5));
    private Database db;
    private Outbox outbox;
    private OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        server.start();
        db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        outbox = new Outbox(db, clock);
        WebhookDelivery hook = new WebhookDelivery(client, server.url("/api/tickets"), SECRET, clock);
        worker = new OutboxWorker(db, new WebhookDeliveries(Map.of("service-desk", hook)), SETTINGS, clock, "w");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsSignedJsonWithTheIdempotencyKey() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).build());
        String key = outbox.enqueue("webhook:service-desk", PAYLOAD);
        assertEquals(1, worker.runOnce());

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("POST", request.getMethod());
        assertEquals("/api/tickets", request.getTarget());
        assertEquals(PAYLOAD, request.getBody().utf8());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals(key, request.getHeaders().get(WebhookDelivery.IDEMPOTENCY_HEADER));
        long ts = Long.parseLong(request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER));
        assertEquals(clock.instant().getEpochSecond(), ts);
        String signature = request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER);
        assertTrue(WebhookSignature.verify(SECRET, ts, PAYLOAD, signature), signature);
        assertFalse(WebhookSignature.verify("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8), ts,
                PAYLOAD, signature));
        assertFalse(WebhookSignature.verify(SECRET, ts, PAYLOAD.replace("7", "8"), signature));
        assertEquals(OutboxStatus.DELIVERED, only().status());
    }

    @Test
    void a500IsRetriedAfterTheBackOffWithTheSameKeyThenDelivered() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("database down").build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        outbox.enqueue("webhook:service-desk", PAYLOAD);

        assertEquals(1, worker.runOnce());
        OutboxItem waiting = only();
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals("HTTP 500 from " + server.getHostName(), waiting.lastError());
        assertEquals(clock.instant().plusSeconds(30), waiting.nextAttemptAt());
        assertEquals(0, worker.runOnce(), "not before the back-off");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, worker.runOnce());

        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(first.getHeaders().get(WebhookDelivery.IDEMPOTENCY_HEADER),
                second.getHeaders().get(WebhookDelivery.IDEMPOTENCY_HEADER));
        OutboxItem delivered = only();
        assertEquals(OutboxStatus.DELIVERED, delivered.status());
        assertEquals(2, delivered.attempts());
        assertNull(delivered.lastError());
    }

    @Test
    void aTimeOutIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        outbox.enqueue("webhook:service-desk", PAYLOAD);

        long start = System.nanoTime();
        assertEquals(1, worker.runOnce());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "gave up at the read time-out");
        OutboxItem waiting = only();
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertTrue(waiting.lastError().startsWith("time-out calling"), waiting.lastError());

        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, worker.runOnce());
        assertEquals(OutboxStatus.DELIVERED, only().status());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void a400IsNotRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"error\": \"unknown field ticket.team\"}").build());
        outbox.enqueue("webhook:service-desk", PAYLOAD);
        assertEquals(1, worker.runOnce());
        OutboxItem dead = only();
        assertEquals(OutboxStatus.DEAD, dead.status());
        assertEquals(1, dead.attempts());
        assertEquals("HTTP 400 from " + server.getHostName() + ": {\"error\": \"unknown field ticket.team\"}",
                dead.lastError());
        clock.advance(Duration.ofDays(1));
        assertEquals(0, worker.runOnce());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void tooManyRequestsAndAnUnreachableReceiverAreRetriedThenDeadLettered() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        outbox.enqueue("webhook:service-desk", PAYLOAD);
        assertEquals(1, worker.runOnce());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, worker.runOnce());
        assertEquals(OutboxStatus.PENDING, only().status());

        server.close(); // the receiver is gone: connection refused
        client.connectionPool().evictAll(); // (else the pooled connection fails first, as "end of stream")
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, worker.runOnce());
        OutboxItem dead = only();
        assertEquals(OutboxStatus.DEAD, dead.status());
        assertTrue(dead.lastError().startsWith("gave up after 3 attempts: ConnectException"), dead.lastError());
    }

    @Test
    void anUnknownWebhookNameIsRefused() {
        outbox.enqueue("webhook:payroll", PAYLOAD);
        worker.runOnce();
        assertEquals("no webhook named 'payroll' is configured (configured: service-desk)", only().lastError());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void classifiesAnswersWithoutTheOutbox() {
        WebhookDelivery hook = new WebhookDelivery(client, server.url("/"), SECRET, clock);
        OutboxItem item = new OutboxItem(1, "webhook:x", "k-1", PAYLOAD, OutboxStatus.DELIVERING, 1, clock.instant(),
                null, null, clock.instant(), null);
        for (int code : List.of(200, 204, 408, 425, 429, 500, 502, 401, 404, 409, 422)) {
            server.enqueue(new MockResponse.Builder().code(code).build());
            DeliveryResult r = hook.deliver(item);
            Class<?> expected = code < 300 ? DeliveryResult.Delivered.class
                    : code >= 500 || code == 408 || code == 425 || code == 429 ? DeliveryResult.Retry.class
                    : DeliveryResult.Rejected.class;
            assertInstanceOf(expected, r, "HTTP " + code);
        }
    }

    private OutboxItem only() {
        List<OutboxItem> all = new java.util.ArrayList<>();
        for (OutboxStatus s : OutboxStatus.values()) {
            all.addAll(outbox.list(s, 10));
        }
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
