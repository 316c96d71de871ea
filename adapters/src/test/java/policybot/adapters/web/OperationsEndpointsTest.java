package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz, /metrics, the chat page's files and the headers every response carries. */
class OperationsEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebServer start(WebServices services) {
        return new WebServer(WebConfig.local(), TestBots.shared(), services, new WebMetrics()).start();
    }

    @Test
    void healthzSaysOk() {
        try (WebServer server = start(WebServices.withoutStore())) {
            HttpResponse<String> r = new Http(server.port()).get("/healthz");
            assertEquals(200, r.statusCode());
            assertEquals("{\"status\":\"ok\"}", r.body());
        }
    }

    @Test
    void readyzReportsTheIndexAndTheExtraChecks() throws Exception {
        AtomicReference<Optional<String>> store = new AtomicReference<>(Optional.empty());
        WebServices services = WebServices.withoutStore().withReadinessCheck("store", store::get);
        try (WebServer server = start(services)) {
            Http http = new Http(server.port());
            HttpResponse<String> ready = http.get("/readyz");
            assertEquals(200, ready.statusCode());
            JsonNode body = JSON.readTree(ready.body());
            assertEquals("ready", body.get("status").asText());
            assertEquals("1.2", body.get("policy_version").asText());
            assertEquals(TestBots.shared().policy().clauses().size(), body.get("clauses").asInt());
            assertEquals("ok", body.get("checks").get("index").asText());
            assertEquals("ok", body.get("checks").get("store").asText());

            store.set(Optional.of("the database does not answer"));
            HttpResponse<String> notReady = http.get("/readyz");
            assertEquals(503, notReady.statusCode());
            JsonNode down = JSON.readTree(notReady.body());
            assertEquals("not ready", down.get("status").asText());
            assertEquals("ok", down.get("checks").get("index").asText());
            assertEquals("the database does not answer", down.get("checks").get("store").asText());
        }
    }

    @Test
    void aReadinessCheckThatThrowsMakesTheServerNotReadyWithoutLeakingTheMessage() throws Exception {
        WebServices services = WebServices.withoutStore().withReadinessCheck("store", () -> {
            throw new IllegalStateException("jdbc:postgresql://db:5432/policybot password=hunter2");
        });
        try (WebServer server = start(services)) {
            HttpResponse<String> r = new Http(server.port()).get("/readyz");
            assertEquals(503, r.statusCode());
            assertFalse(r.body().contains("hunter2"), r.body());
            assertEquals("the check failed: IllegalStateException", JSON.readTree(r.body()).get("checks").get("store").asText());
        }
    }

    @Test
    void metricsCountQuestionsByKindAndTimeTheAnswers() {
        try (WebServer server = start(WebServices.withoutStore())) {
            Http http = new Http(server.port());
            String before = http.get("/metrics").body();
            String answers = "policybot_questions_total{channel=\"web\",kind=\"answer\"}";
            String help = "policybot_questions_total{channel=\"web\",kind=\"help\"}";
            String noAnswer = "policybot_questions_total{channel=\"web\",kind=\"no_answer\"}";
            assertEquals(0.0, Prometheus.value(before, answers).orElseThrow());
            assertEquals(0.0, Prometheus.value(before, help).orElseThrow());

            http.postJson("/api/ask", "{\"text\": \"can I paste student marks into ChatGPT?\"}");
            http.postJson("/api/ask", "{\"text\": \"can I paste student marks into ChatGPT?\"}");
            http.postJson("/api/ask", "{\"text\": \"hello\"}");
            http.postJson("/api/ask", "{\"text\": \"\"}");
            http.postJson("/api/ask", "{broken");

            HttpResponse<String> r = http.get("/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            String after = r.body();
            assertEquals(2.0, Prometheus.value(after, answers).orElseThrow());
            assertEquals(1.0, Prometheus.value(after, help).orElseThrow());
            assertEquals(0.0, Prometheus.value(after, noAnswer).orElseThrow());
            assertEquals(3.0, Prometheus.value(after, "policybot_answer_seconds_count").orElseThrow());
            assertTrue(Prometheus.value(after, "policybot_answer_seconds_sum").orElseThrow() > 0);
            // the histogram: every answer falls in the +Inf bucket, and the buckets are cumulative
            assertEquals(3.0, Prometheus.value(after, "policybot_answer_seconds_bucket{le=\"+Inf\"}").orElseThrow());
            assertTrue(Pattern.compile("(?m)^policybot_answer_seconds_bucket\\{le=\"0\\.005\"} ").matcher(after).find(), after);
            assertEquals(2.0, Prometheus.value(after, "policybot_http_errors_total{status=\"400\"}").orElseThrow());
            assertTrue(after.contains("jvm_memory_used_bytes"), "JVM meters are exported");
            assertFalse(after.contains("policybot_outbox_backlog"), "no store gauges without a store");
        }
    }

    /** The JVM's meters load the JDK's management classes: bound by the first scrape, not at start. */
    @Test
    void jvmMetersAreBoundByTheFirstScrapeOnly() {
        try (WebMetrics metrics = new WebMetrics()) {
            assertTrue(metrics.registry().find("jvm.memory.used").meters().isEmpty(), "none before anyone reads them");
            String first = metrics.scrape();
            assertTrue(first.contains("jvm_memory_used_bytes") && first.contains("process_uptime_seconds"), first);
            assertEquals(first.lines().filter(l -> l.startsWith("# TYPE jvm_")).count(),
                    metrics.scrape().lines().filter(l -> l.startsWith("# TYPE jvm_")).count(), "bound once");
        }
    }

    @Test
    void storeGaugesAppearOnceAStoreIsBound() {
        AtomicLong backlog = new AtomicLong(4);
        StoreMetrics store = new StoreMetrics() {
            @Override
            public List<OpenTickets> openTickets() {
                return List.of(new OpenTickets("dts", "under_1d", 2), new OpenTickets("information-governance", "over_7d", 1));
            }

            @Override
            public long outboxBacklog() {
                return backlog.get();
            }

            @Override
            public long outboxDeadLetters() {
                return 1;
            }
        };
        try (WebServer server = start(WebServices.withoutStore().withStoreMetrics(store))) {
            Http http = new Http(server.port());
            String first = http.get("/metrics").body();
            assertEquals(2.0, Prometheus.value(first, "policybot_tickets_open{age=\"under_1d\",team=\"dts\"}").orElseThrow());
            assertEquals(1.0, Prometheus.value(first,
                    "policybot_tickets_open{age=\"over_7d\",team=\"information-governance\"}").orElseThrow());
            assertEquals(4.0, Prometheus.value(first, "policybot_outbox_backlog").orElseThrow());
            assertEquals(1.0, Prometheus.value(first, "policybot_outbox_dead_letters").orElseThrow());

            backlog.set(0);
            assertEquals(0.0, Prometheus.value(http.get("/metrics").body(), "policybot_outbox_backlog").orElseThrow());
        }
    }

    @Test
    void theChatPageIsServedWithAStrictContentSecurityPolicy() {
        try (WebServer server = start(WebServices.withoutStore())) {
            Http http = new Http(server.port());
            HttpResponse<String> page = http.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'"), csp);
            assertTrue(csp.contains("default-src 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertTrue(page.body().contains("Policy for the use of Artificial Intelligence"));
            assertTrue(page.body().contains("version <span id=\"policy-version\">1.2</span>"));
            assertFalse(page.body().contains("{{"), "every placeholder is filled");
            // no inline script or handler: everything runs from /chat.js
            assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page.body()).find());
            assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page.body()).find());

            HttpResponse<String> js = http.get("/chat.js");
            assertEquals(200, js.statusCode());
            assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertFalse(js.body().contains("innerHTML"), "the chat builds its DOM with textContent only");
            assertEquals(200, http.get("/chat.css").statusCode());
            assertEquals(200, http.get("/favicon.svg").statusCode());
        }
    }

    @Test
    void unchangedFilesAreRevalidatedWithAnEtag() {
        try (WebServer server = start(WebServices.withoutStore())) {
            Http http = new Http(server.port());
            String etag = http.get("/chat.js").headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = http.get("/chat.js", "If-None-Match", etag);
            assertEquals(304, again.statusCode());
            assertEquals("", again.body());
        }
    }

    @Test
    void apiResponsesAreNotCachedAndCarryTheSecurityHeaders() {
        try (WebServer server = start(WebServices.withoutStore())) {
            HttpResponse<String> r = new Http(server.port()).postJson("/api/ask", "{\"text\": \"hello\"}");
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow());
            assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent());
            assertTrue(r.headers().firstValue("Server").isEmpty(), "no server name or version is advertised");
        }
    }
}
