package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndProbesStayOpen() {
        WebConfig config = WebConfig.local().withRateLimit(3);
        try (WebServer server = new WebServer(config, TestBots.shared(), WebServices.withoutStore(), new WebMetrics()).start()) {
            Http http = new Http(server.port());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.postJson("/api/ask", "{\"text\": \"hello\"}").statusCode());
            }
            HttpResponse<String> r = http.postJson("/api/ask", "{\"text\": \"hello\"}");
            assertEquals(429, r.statusCode());
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 20, "a token comes back within 60/3 s: " + retry);
            assertTrue(r.body().contains("at most 3 a minute"), r.body());
            // every API path counts, and the probes do not
            assertEquals(429, http.postJson("/api/feedback", "{}").statusCode());
            assertEquals(200, http.get("/healthz").statusCode());
            assertEquals(200, http.get("/").statusCode());
        }
    }

    @Test
    void tokensComeBackEvenlyAndEachClientHasItsOwn() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(60, now::get);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.take("10.0.0.1"));
        }
        assertEquals(1, limiter.take("10.0.0.1"), "one a second comes back");
        assertEquals(0, limiter.take("10.0.0.2"), "another client is not affected");
        now.addAndGet(1_000_000_000L);
        assertEquals(0, limiter.take("10.0.0.1"));
        assertEquals(1, limiter.take("10.0.0.1"));
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.take("10.0.0.1"), "a full minute's worth again, never more");
        }
        assertTrue(limiter.take("10.0.0.1") > 0);
    }
}
