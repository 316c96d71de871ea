package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.slack.SlackChannel;
import policybot.adapters.slack.SlackSettings;
import policybot.adapters.web.WebChannel;
import policybot.adapters.web.WebServer;
import policybot.bot.Escalations;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/**
 * serve turns Slack on from the environment, in the mode the app token chooses, registers its
 * delivery for the routing table's Slack channels, and refuses a half-set configuration.
 */
class SlackWiringTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("data/policybot.db"));
        env.put("POLICYBOT_HOST", "127.0.0.1");
        env.put("POLICYBOT_OUTBOX_POLL", "PT0.2S");
        return env;
    }

    private static Escalations store(Map<String, String> env, RoutingTable routing) {
        return Escalations.open(StoreConfig.fromEnvironment(env), routing, StoreSettings.of(env, routing), Clock.systemUTC());
    }

    @Test
    void slackIsOnWithTokenAndSecretInTheModeTheAppTokenChooses() {
        Map<String, String> env = env();
        RoutingTable routing = RoutingTable.bundled();
        Escalations store = store(env, routing);
        assertEquals(List.of(), ServerStore.services(env, TestBots.shared(), store, routing, Clock.systemUTC()).channels());

        env.put("SLACK_BOT_TOKEN", "xoxb-1");
        env.put("SLACK_SIGNING_SECRET", "s");
        env.put("SLACK_API_URL", "http://127.0.0.1:9/api/");
        List<WebChannel> http = ServerStore.services(env, TestBots.shared(), store, routing, Clock.systemUTC()).channels();
        assertEquals(1, http.size());
        assertEquals("slack", http.get(0).name());
        assertEquals(SlackSettings.Mode.HTTP, ((SlackChannel) http.get(0)).mode());

        env.put("SLACK_APP_TOKEN", "xapp-1");
        WebChannel socket = ServerStore.services(env, TestBots.shared(), store, routing, Clock.systemUTC()).channels().get(0);
        assertEquals(SlackSettings.Mode.SOCKET_MODE, ((SlackChannel) socket).mode());
    }

    @Test
    void aHalfSetSlackConfigurationIsAUsageErrorNamingTheMissingVariable() {
        Map<String, String> env = env();
        env.put("SLACK_BOT_TOKEN", "xoxb-1");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            RoutingTable routing = RoutingTable.bundled();
            ServeCommand serve = new ServeCommand(TestBots::shared,
                    () -> ServerStore.services(env, TestBots.shared(), store(env, routing), routing, Clock.systemUTC()), env,
                    new PrintStream(new ByteArrayOutputStream()), s -> { });
            assertEquals(2, new CommandLine(serve).execute("--port", "0"));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("SLACK_SIGNING_SECRET is not set"), err.toString());
    }

    /**
     * The whole assembly: a routing file gives a team a Slack channel, a question escalated on the
     * web API becomes a ticket, and the server's own outbox worker posts it to that channel
     * through Slack's Web API (a local fake).
     */
    @Test
    void theServersOutboxPostsATeamsTicketToItsSlackChannel() throws Exception {
        List<Map<String, String>> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getUrl().encodedPath();
                    if (path.equals("/api/chat.postMessage")) {
                        posts.add(SlackCallFields.of(r.getBody() == null ? "" : r.getBody().utf8()));
                        return json("{\"ok\":true,\"ts\":\"1700000000.000001\"}");
                    }
                    if (path.equals("/api/auth.test")) {
                        return json("{\"ok\":true,\"user_id\":\"UBOT\",\"url\":\"https://uni.slack.com/\"}");
                    }
                    return json("{\"ok\":false,\"error\":\"unknown_method\"}");
                }
            });
            slack.start();
            String yaml = new String(RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)
                    .readAllBytes(), StandardCharsets.UTF_8)
                    .replace("      email: information-governance@example.ac.uk", "      slack: CIG00001");
            Path routingFile = dir.resolve("routing.yaml");
            Files.writeString(routingFile, yaml);
            Map<String, String> env = env();
            env.put("POLICYBOT_ROUTING", routingFile.toString());
            env.put("SLACK_BOT_TOKEN", "xoxb-assembly");
            env.put("SLACK_SIGNING_SECRET", "assembly-secret");
            env.put("SLACK_API_URL", slack.url("/api/").toString());
            RoutingTable routing = RoutingTable.fromEnvironment(env);
            CompletableFuture<WebServer> started = new CompletableFuture<>();
            ServeCommand serve = new ServeCommand(TestBots::shared,
                    () -> ServerStore.services(env, TestBots.shared(), store(env, routing), routing, Clock.systemUTC()), env,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
            WebServer server = started.get(90, TimeUnit.SECONDS);
            try {
                HttpResponse<String> ticket = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/escalations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Do I need a DPIA for a transcription tool?\", "
                                + "\"contact\": \"jo@example.ac.uk\", \"route\": \"information-governance\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, ticket.statusCode(), ticket.body());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (posts.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertEquals(1, posts.size(), "posted once by the server's outbox worker");
                assertEquals("CIG00001", posts.get(0).get("channel"));
                assertTrue(posts.get(0).get("blocks").contains("policybot.ticket.claim"), posts.get(0).get("blocks"));
                assertTrue(posts.get(0).get("blocks").contains("Do I need a DPIA for a transcription tool?"));
                // and Slack's route is on the same server
                HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + SlackChannel.PATH))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, unsigned.statusCode());
            } finally {
                server.stop();
            }
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
