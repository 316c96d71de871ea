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
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/** serve takes the flood guard's rates from the environment for the web API and Teams, and config check names a bad one. */
class FloodWiringTest {
    private final HttpClient client = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @Test
    void serveLimitsAPersonToPolicybotUserRate() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("POLICYBOT_HOST", "127.0.0.1", "POLICYBOT_USER_RATE", "2"));
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        ServeCommand serve = new ServeCommand(BotFactory::bundled, WebServices::withoutStore, env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
        WebServer server = started.get(90, TimeUnit.SECONDS);
        try {
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/ask"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hello\", \"user\": \"jo\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertEquals(List.of(200, 200, 429), List.of(statuses[0], statuses[1], statuses[2]));
        } finally {
            server.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    /**
     * Teams in the assembly: the same rate applies to a person's signed activities (told once to slow
     * down, at the Bot Connector), someone else is still answered, and /metrics shows Teams' refusals
     * and the bounded pool its turns run on.
     */
    @Test
    void serveLimitsATeamsUserToPolicybotUserRateAndShowsTeamsWorkOnMetrics() throws Exception {
        try (FakeMicrosoft microsoft = new FakeMicrosoft()) {
            Map<String, String> env = microsoft.env(new HashMap<>(Map.of("POLICYBOT_HOST", "127.0.0.1",
                    "POLICYBOT_USER_RATE", "2", "POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("policybot.db"))));
            PolicyBot bot = BotFactory.bundled();
            CompletableFuture<WebServer> started = new CompletableFuture<>();
            ServeCommand serve = new ServeCommand(() -> bot, () -> ServerStore.services(env, bot,
                    store(env), RoutingTable.bundled(), Clock.systemUTC()), env,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
            WebServer server = started.get(90, TimeUnit.SECONDS);
            try {
                for (int i = 1; i <= 4; i++) {
                    assertEquals(200, microsoft.post(server.port(), microsoft.message("m-" + i, "jo", "hello (" + i + ")"))
                            .statusCode());
                }
                assertEquals(200, microsoft.post(server.port(), microsoft.message("s-1", "sam", "hello")).statusCode());
                List<FakeMicrosoft.Call> toJo = microsoft.callsTo("a:chat-jo");
                assertEquals(3, toJo.size(), "two answers and one slow-down: " + toJo);
                assertTrue(toJo.get(2).body().contains("please slow down"), toJo.get(2).body());
                assertEquals(1, microsoft.callsTo("a:chat-sam").size(), "Sam is answered");
                String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("policybot_questions_refused_total{channel=\"teams\",limit=\"user\"} 2.0"), metrics);
                assertTrue(metrics.contains("policybot_work_queue_capacity{channel=\"teams\"} 100.0"), metrics);
                assertTrue(metrics.contains("policybot_work_queue_depth{channel=\"teams\"} 0.0"), metrics);
            } finally {
                server.stop();
            }
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
    }

    private static Escalations store(Map<String, String> env) {
        RoutingTable routing = RoutingTable.bundled();
        return Escalations.open(StoreConfig.fromEnvironment(env), routing, StoreSettings.of(env, routing), Clock.systemUTC());
    }

    @Test
    void aBadRateIsAStartUpErrorNamingTheSetting() {
        Map<String, String> env = Map.of("POLICYBOT_CHANNEL_RATE", "lots");
        assertTrue(Configuration.load(env).problems().stream().anyMatch(p -> p.contains("POLICYBOT_CHANNEL_RATE")),
                "config check names it");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            ServeCommand serve = new ServeCommand(BotFactory::bundled, WebServices::withoutStore, env,
                    new PrintStream(new ByteArrayOutputStream()), s -> { });
            assertEquals(2, new CommandLine(serve).execute("--port", "0"));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("POLICYBOT_CHANNEL_RATE must be a whole number"), err.toString());
    }
}
