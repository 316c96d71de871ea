package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;

class ServeCommandTest {

    @Test
    void theJarWithNoArgumentsServes() {
        assertArrayEquals(new String[] {"serve"}, Main.arguments(new String[0]));
        assertArrayEquals(new String[] {"ask", "--jsonl"}, Main.arguments(new String[] {"ask", "--jsonl"}));
        assertTrue(Main.commandLine(java.util.Map.of()).getSubcommands().keySet().containsAll(java.util.List.of("ask", "serve")));
    }

    @Test
    void serveStartsFromTheEnvironmentPrintsTheAddressAndStopsCleanly() throws Exception {
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ServeCommand serve = new ServeCommand(BotFactory::bundled, WebServices::withoutStore,
                Map.of("POLICYBOT_PORT", "3978", "POLICYBOT_HOST", "127.0.0.1"),
                new PrintStream(printed, true, StandardCharsets.UTF_8), started::complete);
        // --port overrides POLICYBOT_PORT (0: a free port, so the test never collides with a running server)
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                new CommandLine(serve).execute("--port", "0"));

        WebServer server = started.get(60, TimeUnit.SECONDS);
        int port = server.port();
        assertTrue(port > 0 && port != 3978);
        assertEquals("PolicyBot is ready: open http://127.0.0.1:" + port + "/ (stop with Ctrl+C)\n",
                printed.toString(StandardCharsets.UTF_8));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"can I paste student marks into ChatGPT?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("\"verdict\":\"not_allowed\""), answer.body());

        // a second server on the same port says so, instead of a stack trace
        ServeCommand second = new ServeCommand(BotFactory::bundled, WebServices::withoutStore,
                Map.of("POLICYBOT_HOST", "127.0.0.1"), new PrintStream(new ByteArrayOutputStream()), s -> { });
        assertEquals(1, new CommandLine(second).execute("--port", Integer.toString(port)));

        server.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aBadSettingIsAUsageErrorNamingTheVariable() {
        ServeCommand serve = new ServeCommand(() -> {
            throw new AssertionError("the bot is not built when the settings are wrong");
        }, WebServices::withoutStore, Map.of("POLICYBOT_PORT", "http"), new PrintStream(new ByteArrayOutputStream()),
                s -> { });
        assertEquals(2, new CommandLine(serve).execute());
    }
}
