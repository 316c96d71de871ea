package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Only Slack gets in: forged, stale, future, replayed and unsigned requests are refused with 401
 * before anything reads them (nothing reaches the Web API), and the refusal is logged without the body.
 */
class SlackSecurityTest {
    static final String SECRET_WORDS = "can I paste student marks into ChatGPT? secret-body-marker";

    @TempDir
    Path dir;
    SlackFixture f;
    ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        f = new SlackFixture(dir);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(SlackChannel.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SlackChannel.class)).detachAppender(logs);
        f.close();
    }

    private String event(String id) {
        return SlackFixture.mention(id, "C1", "1700000000.000100", null, "<@UBOT> " + SECRET_WORDS);
    }

    private void assertNothingReachedTheBot() throws InterruptedException {
        f.idle();
        Thread.sleep(200);
        assertEquals(List.of(), f.slack.callsBesidesAuth(), "a refused request reaches nothing");
        assertEquals(List.of(), f.slack.calls("auth.test"), "not even Bolt's auth.test");
    }

    private void assertRefused(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("not signed by Slack"), r.body());
        assertFalse(r.body().contains("secret-body-marker"));
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        String body = event("EvF");
        long now = Instant.now().getEpochSecond();
        HttpRequest forged = f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign("not-the-signing-secret", now, body)).build();
        assertRefused(f.client.send(forged));
        assertNothingReachedTheBot();
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("signature that does not match")));
        assertTrue(logs.list.stream().noneMatch(e -> e.getFormattedMessage().contains("secret-body-marker")),
                "the body is never logged");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        String body = event("EvT");
        long now = Instant.now().getEpochSecond();
        HttpRequest tampered = f.client.request("application/json", body.replace("U1", "U9"))
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign(SlackFixture.SECRET, now, body)).build();
        assertRefused(f.client.send(tampered));
        assertNothingReachedTheBot();
    }

    @Test
    void aStaleTimestampIsRefusedEvenWithAGoodSignature() throws Exception {
        long sixMinutesAgo = Instant.now().getEpochSecond() - 6 * 60;
        assertRefused(f.client.post("application/json", event("EvS"), sixMinutesAgo));
        long sixMinutesAhead = Instant.now().getEpochSecond() + 6 * 60;
        assertRefused(f.client.post("application/json", event("EvS2"), sixMinutesAhead));
        assertNothingReachedTheBot();
        // four minutes old is still Slack's
        assertEquals(200, f.client.post("application/json", event("EvS3"), Instant.now().getEpochSecond() - 4 * 60)
                .statusCode());
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        String body = event("EvR");
        long now = Instant.now().getEpochSecond();
        HttpRequest request = f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign(SlackFixture.SECRET, now, body)).build();
        assertEquals(200, f.client.send(request).statusCode());
        assertRefused(f.client.send(request));
        f.idle();
        assertEquals(1, f.slack.calls("chat.postMessage").size(), "answered once, for the original");
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("replay")));
    }

    @Test
    void missingOrMalformedHeadersAreRefused() throws Exception {
        String body = event("EvM");
        long now = Instant.now().getEpochSecond();
        String good = SignedClient.sign(SlackFixture.SECRET, now, body);
        assertRefused(f.client.send(f.client.request("application/json", body).build()));
        assertRefused(f.client.send(f.client.request("application/json", body)
                .header("X-Slack-Signature", good).build()));
        assertRefused(f.client.send(f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now)).build()));
        assertRefused(f.client.send(f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", "yesterday").header("X-Slack-Signature", good).build()));
        assertRefused(f.client.send(f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now)).header("X-Slack-Signature", "v1=" + good.substring(3))
                .build()));
        assertNothingReachedTheBot();
    }

    @Test
    void anInteractionWithAForgedSignatureChangesNothing() throws Exception {
        String payload = SlackFixture.blockAction(Actions.CLAIM, "1", "U7", "C1", "1.1", f.slack.responseUrl("x"), "t");
        String body = SignedClient.form(java.util.Map.of("payload", payload));
        long now = Instant.now().getEpochSecond();
        HttpRequest forged = f.client.request("application/x-www-form-urlencoded", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign("guess", now, body)).build();
        assertRefused(f.client.send(forged));
        assertNothingReachedTheBot();
    }

    @Test
    void onlyPostIsTaken() throws Exception {
        HttpResponse<String> r = f.client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + f.server.port() + SlackChannel.PATH)).GET().build());
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        assertNothingReachedTheBot();
    }

    @Test
    void anOversizedBodyIsRefusedUnread() throws Exception {
        String huge = "{\"type\":\"event_callback\",\"pad\":\"" + "x".repeat(SlackChannel.MAX_BODY) + "\"}";
        try {
            HttpResponse<String> r = f.client.event(huge);
            assertEquals(413, r.statusCode());
        } catch (java.io.UncheckedIOException closed) {
            // Refused so early that the server closed the connection while the client was still
            // sending (a busy machine): refused all the same, and below, unread.
            assertTrue(closed.getMessage() != null);
        }
        assertNothingReachedTheBot();
    }

    @Test
    void whenSlackRefusesTheTokenTheRequestIs503SoSlackRetries() throws Exception {
        f.slack.answerNext("auth.test", FakeSlack.error("invalid_auth"));
        HttpResponse<String> r = f.client.event(event("EvAuth"));
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("SLACK_BOT_TOKEN")));
        assertEquals(List.of(), f.slack.calls("chat.postMessage"));
        // once Slack answers again, the next delivery goes through
        assertEquals(200, f.client.event(event("EvAuth2")).statusCode());
        f.slack.await("chat.postMessage", 1);
    }

    @Test
    void theUrlVerificationChallengeIsAnsweredWhenSigned() throws Exception {
        HttpResponse<String> r = f.client.event("{\"token\":\"x\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("c-123"), r.body());
        long now = Instant.now().getEpochSecond();
        String body = "{\"token\":\"x\",\"challenge\":\"c-456\",\"type\":\"url_verification\"}";
        assertRefused(f.client.send(f.client.request("application/json", body)
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign("nope", now, body)).build()));
    }
}
