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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;

/** serve takes the flood guard's rates from the environment, and config check names a bad one. */
class FloodWiringTest {
    private final HttpClient client = HttpClient.newHttpClient();

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
