package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.adapters.webhook.WebhookSignature;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.digest.DigestSettings;
import policybot.bot.digest.DigestWeek;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/**
 * The assembly sends the weekly digest: serve queues it where the outbox is delivered, once a week
 * across restarts; the command line previews it and sends it by hand; config check names a bad setting.
 */
class DigestWiringTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "a-shared-secret-of-32-bytes-long";

    @TempDir
    Path dir;

    private Map<String, String> env(String hook) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("data/policybot.db"));
        env.put("POLICYBOT_HOST", "127.0.0.1");
        env.put("POLICYBOT_OUTBOX_POLL", "PT0.2S");
        env.put("POLICYBOT_WEBHOOK_SECRET", SECRET);
        // due at any moment of any week: the server queues the digest as soon as it starts
        env.put("POLICYBOT_DIGEST_SCHEDULE", "MON 00:00");
        env.put("POLICYBOT_DIGEST_ZONE", "UTC");
        env.put("POLICYBOT_PUBLIC_URL", "https://policybot.example.ac.uk/");
        if (hook != null) {
            String yaml = new String(RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)
                    .readAllBytes(), StandardCharsets.UTF_8);
            String owner = "      email: policy-owner@example.ac.uk";
            assertTrue(yaml.contains(owner), "the bundled routing table has changed");
            Path file = Files.writeString(dir.resolve("routing.yaml"), yaml.replace(owner, owner + "\n      webhook: " + hook));
            env.put("POLICYBOT_ROUTING", file.toString());
        }
        return env;
    }

    /** Runs serve until the test is done with it. */
    private static WebServer serve(Map<String, String> env, CompletableFuture<Integer> exit) throws Exception {
        RoutingTable routing = RoutingTable.fromEnvironment(env);
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        ServeCommand serve = new ServeCommand(TestBots::shared, () -> ServerStore.services(env, TestBots.shared(),
                Escalations.open(StoreConfig.fromEnvironment(env), routing, StoreSettings.of(env, routing), Clock.systemUTC()),
                routing, Clock.systemUTC()), env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                started::complete);
        CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0")).thenAccept(exit::complete);
        return started.get(90, TimeUnit.SECONDS);
    }

    @Test
    void serveSendsTheWeeksDigestToThePolicyOwnerOnceAcrossARestart() throws Exception {
        try (MockWebServer hook = new MockWebServer()) {
            hook.start();
            for (int i = 0; i < 3; i++) {
                hook.enqueue(new MockResponse.Builder().code(202).build());
            }
            String url = hook.url("/policy-owner/digest").toString();
            Map<String, String> env = env(url);
            String week = DigestWeek.of(Instant.now(), DigestSettings.fromEnvironment(env)).label();

            CompletableFuture<Integer> exit = new CompletableFuture<>();
            WebServer server = serve(env, exit);
            RecordedRequest request;
            try {
                request = hook.takeRequest(20, TimeUnit.SECONDS);
            } finally {
                server.stop();
            }
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            assertNotNull(request, "the digest reached the policy owner's webhook");
            String body = request.getBody().utf8();
            assertEquals("digest/" + week + "/webhook:" + url, request.getHeaders().get("Idempotency-Key"));
            assertTrue(WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8),
                    Long.parseLong(request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER)), body,
                    request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)));
            JsonNode payload = JSON.readTree(body);
            assertEquals("digest.weekly", payload.path("event").asText());
            assertEquals(week, payload.path("digest").path("week").asText());
            assertEquals(TestBots.shared().policy().version(), payload.path("digest").path("policy_version").asText());
            assertEquals("https://policybot.example.ac.uk/admin", payload.path("digest").path("admin_url").asText());
            assertTrue(payload.path("text").asText().startsWith("PolicyBot weekly digest, " + week + "\n"));

            // restarted the same week: the schedule looks at once, finds the week's digest queued, adds nothing
            CompletableFuture<Integer> again = new CompletableFuture<>();
            WebServer restarted = serve(env, again);
            try {
                assertNull(hook.takeRequest(1500, TimeUnit.MILLISECONDS), "a second digest this week");
            } finally {
                restarted.stop();
            }
            assertEquals(0, again.get(30, TimeUnit.SECONDS));
            assertEquals(1, hook.getRequestCount());
        }
    }

    private Run cli(Map<String, String> env, String... args) {
        CommandLine cli = Main.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }

    @Test
    void theCommandLinePreviewsAndSendsTheDigest() throws Exception {
        Map<String, String> bundled = env(null);
        String week = DigestWeek.of(Instant.now(), DigestSettings.fromEnvironment(bundled)).label();
        Run preview = cli(bundled, "digest", "--preview");
        assertEquals(0, preview.exit(), preview.err());
        assertTrue(preview.out().startsWith("PolicyBot weekly digest, " + week + "\nPolicy v1.2 \u00b7 "), preview.out());
        assertTrue(preview.out().endsWith("\nReview console: https://policybot.example.ac.uk/admin\n"), preview.out());
        Run nowhere = cli(bundled, "digest", "--send-now");
        assertEquals(1, nowhere.exit());
        assertTrue(nowhere.err().contains("no Slack, Teams or webhook destination"), nowhere.err());

        Map<String, String> withHook = env("https://desk.example.ac.uk/policy-owner");
        Run sent = cli(withHook, "digest", "--send-now");
        assertEquals(0, sent.exit(), sent.err());
        assertEquals("Queued the weekly digest " + week + " for webhook:https://desk.example.ac.uk/policy-owner; "
                + "the server's outbox delivers it.\n", sent.out());
        assertEquals("The weekly digest " + week + " is already queued: nothing more was sent.\n",
                cli(withHook, "digest", "--send-now").out());
        assertTrue(cli(withHook, "outbox", "list", "--status", "pending").out()
                .contains("webhook:https://desk.example.ac.uk/policy-owner"));
    }

    @Test
    void configCheckNamesABadDigestSetting() {
        List<String> problems = Configuration.load(Map.of("POLICYBOT_DIGEST_SCHEDULE", "every monday",
                "POLICYBOT_PUBLIC_URL", "https://policybot.example.ac.uk")).problems();
        assertEquals(List.of("POLICYBOT_DIGEST_SCHEDULE must be a day and a time such as MON 09:00, or off, not 'every monday'"),
                problems);
        assertEquals(List.of(), Configuration.load(Map.of("POLICYBOT_DIGEST_SCHEDULE", "off")).problems());
        String report = Configuration.load(Map.of("POLICYBOT_DIGEST_ZONE", "Europe/London")).report();
        assertTrue(report.contains("POLICYBOT_DIGEST_ZONE=Europe/London    [environment]"), report);
        assertTrue(report.contains("POLICYBOT_DIGEST_SCHEDULE=    [default]"), report);
    }
}
