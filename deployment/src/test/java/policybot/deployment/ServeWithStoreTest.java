package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.bot.routing.RoutingTable;

/** serve as the jar assembles it: the embedded SQLite store, the console, the routing file and its secrets. */
class ServeWithStoreTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("data/policybot.db"));
        env.put("POLICYBOT_HOST", "127.0.0.1");
        env.put("POLICYBOT_OUTBOX_POLL", "PT0.2S");
        return env;
    }

    private record Started(CompletableFuture<Integer> exit, WebServer server) {
    }

    private Started serve(Map<String, String> env) throws Exception {
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        CommandLine cli = Main.commandLine(env);
        // the same wiring as Main's, with a hook to learn the server and its port
        ServeCommand serve = new ServeCommand(() -> policybot.bot.BotFactory.bundled(RoutingTable.fromEnvironment(env)),
                () -> ServerStore.services(env, policybot.bot.BotFactory.bundled(RoutingTable.fromEnvironment(env)),
                        policybot.bot.Escalations.open(policybot.bot.store.StoreConfig.fromEnvironment(env),
                                RoutingTable.fromEnvironment(env), StoreSettings.of(env, RoutingTable.fromEnvironment(env)),
                                Clock.systemUTC()), RoutingTable.fromEnvironment(env), Clock.systemUTC()),
                env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
        assertTrue(cli.getSubcommands().containsKey("admin"));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
        return new Started(exit, started.get(90, TimeUnit.SECONDS));
    }

    @Test
    void serveOnAFreshSqliteFileTakesTicketsAndFeedbackAndRunsTheConsole() throws Exception {
        Map<String, String> env = env();
        env.put("POLICYBOT_ADMIN_TOKEN", "a-long-admin-token-for-tests");
        Started s = serve(env);
        int port = s.server().port();
        HttpResponse<String> ready = get(port, "/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"store\":\"ok\""), ready.body());
        HttpResponse<String> ticket = post(port, "/api/escalations",
                "{\"question\": \"I want to talk to a person\", \"contact\": \"jo@example.ac.uk\"}");
        assertEquals(201, ticket.statusCode(), ticket.body());
        assertTrue(ticket.body().contains("\"reference\":\"T-1\""), ticket.body());
        assertEquals(201, post(port, "/api/feedback", "{\"question\": \"can I use ChatGPT?\", \"helpful\": true}").statusCode());
        assertEquals(200, get(port, "/admin/login").statusCode());
        assertTrue(Files.isRegularFile(dir.resolve("data/policybot.db")));
        s.server().stop();
        assertEquals(0, s.exit().get(30, TimeUnit.SECONDS));
    }

    @Test
    void withoutAnAdminTokenTheServerRunsAndTheConsoleSaysHowToTurnItOn() throws Exception {
        Started s = serve(env());
        int port = s.server().port();
        HttpResponse<String> admin = get(port, "/admin");
        assertEquals(503, admin.statusCode());
        assertTrue(admin.body().contains("POLICYBOT_ADMIN_TOKEN"), admin.body());
        assertEquals(200, post(port, "/api/ask", "{\"text\": \"can I use ChatGPT?\"}").statusCode());
        s.server().stop();
        assertEquals(0, s.exit().get(30, TimeUnit.SECONDS));
    }

    @Test
    void aBadRoutingFileOrAMissingWebhookSecretStopsTheStartWithAUsageError() throws Exception {
        Path routing = dir.resolve("routing.yaml");
        Files.writeString(routing, "teams:\n  helpdesk:\n    name: Help\n");
        Map<String, String> env = env();
        env.put("POLICYBOT_ROUTING", routing.toString());
        ServeCommand serve = new ServeCommand(() -> policybot.bot.BotFactory.bundled(RoutingTable.fromEnvironment(env)),
                () -> {
                    throw new AssertionError("the services are not built when the routing file is bad");
                }, env, new PrintStream(new ByteArrayOutputStream()), s -> { });
        assertEquals(2, new CommandLine(serve).execute("--port", "0"));

        String table = new String(RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED).readAllBytes(),
                StandardCharsets.UTF_8).replace("      email: dts@example.ac.uk\n",
                "      email: dts@example.ac.uk\n      webhook: https://desk.example.ac.uk/hook\n");
        Files.writeString(routing, table);
        RoutingTable withHook = RoutingTable.load(routing);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerStore.deliveries(Map.of(), withHook, Clock.systemUTC()));
        assertTrue(e.getMessage().endsWith("sends tickets to webhooks: set POLICYBOT_WEBHOOK_SECRET to a shared secret of at "
                + "least 16 characters (the receiver checks the signature with it)"), e.getMessage());
        assertEquals(java.util.Set.of("webhook"), ServerStore.deliveries(Map.of("POLICYBOT_WEBHOOK_SECRET",
                "0123456789abcdef0123"), withHook, Clock.systemUTC()).types());
        assertEquals(java.util.Set.of(), ServerStore.deliveries(Map.of(), RoutingTable.bundled(), Clock.systemUTC()).types());
    }
}
