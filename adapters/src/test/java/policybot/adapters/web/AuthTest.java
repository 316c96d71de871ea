package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With POLICYBOT_API_TOKEN (and POLICYBOT_METRICS_TOKEN) set, the API and /metrics need them. */
class AuthTest {
    private static final String TOKEN = "s3cret-api-token-for-tests";
    private static final String METRICS = "another-token-for-prometheus";
    private static final String ASK = "{\"text\": \"can I paste student marks into ChatGPT?\"}";

    private static WebServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        WebConfig config = WebConfig.local().withApiToken(TOKEN).withMetricsToken(METRICS);
        server = new WebServer(config, TestBots.shared(), WebServices.withoutStore(), new WebMetrics()).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void askWithoutATokenIs401WithAChallenge() {
        HttpResponse<String> r = http.postJson("/api/ask", ASK);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"policybot\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(r.body().contains("needs an access token"), r.body());
    }

    @Test
    void askWithAWrongTokenIs401() {
        HttpResponse<String> r = http.postJson("/api/ask", ASK, "Authorization", "Bearer " + TOKEN + "x");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("not valid"), r.body());
        assertEquals(401, http.postJson("/api/ask", ASK, "Authorization", "Bearer " + TOKEN.substring(1)).statusCode());
        assertEquals(401, http.postJson("/api/ask", ASK, "Authorization", "Basic " + TOKEN).statusCode());
        assertEquals(401, http.postJson("/api/ask", ASK, "Authorization", "Bearer " + METRICS).statusCode());
    }

    @Test
    void askWithTheTokenIsAnswered() {
        HttpResponse<String> r = http.postJson("/api/ask", ASK, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"kind\":\"answer\""), r.body());
        assertEquals(200, http.postJson("/api/ask", ASK, "Authorization", "bearer " + TOKEN).statusCode(),
                "the scheme is case-insensitive");
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyIsRead() {
        // an unauthenticated caller learns nothing about the body rules, and costs no parsing
        HttpResponse<String> r = http.postJson("/api/ask", "{not json");
        assertEquals(401, r.statusCode());
    }

    @Test
    void feedbackAndEscalationsNeedTheTokenToo() {
        assertEquals(401, http.postJson("/api/feedback", "{\"question\": \"q\", \"helpful\": true}").statusCode());
        assertEquals(401, http.postJson("/api/escalations", "{\"question\": \"q\", \"contact\": \"c\"}").statusCode());
    }

    @Test
    void probesAndTheChatPageStayOpen() {
        assertEquals(200, http.get("/healthz").statusCode());
        assertEquals(200, http.get("/readyz").statusCode());
        assertEquals(200, http.get("/").statusCode());
    }

    @Test
    void metricsNeedTheMetricsToken() {
        assertEquals(401, http.get("/metrics").statusCode());
        assertEquals(401, http.get("/metrics", "Authorization", "Bearer " + TOKEN).statusCode());
        HttpResponse<String> r = http.get("/metrics", "Authorization", "Bearer " + METRICS);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("policybot_questions_total"));
    }

    @Test
    void aBearerHeaderIsReadStrictly() {
        assertEquals("abc", BearerToken.presented("Bearer abc"));
        assertEquals("abc", BearerToken.presented("  bearer   abc "));
        assertNull(BearerToken.presented("Bearer "));
        assertNull(BearerToken.presented("Basic abc"));
        assertNull(BearerToken.presented("Bearerabc"));
        assertNull(BearerToken.presented(null));
        BearerToken token = new BearerToken("abc");
        assertTrue(token.accepts("Bearer abc"));
        assertFalse(token.accepts("Bearer abcd"));
        assertFalse(token.accepts("Bearer ab"));
        assertFalse(token.accepts(null));
    }
}
