package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.web.WebChannel;
import policybot.adapters.web.WebServer;
import policybot.bot.Escalations;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/**
 * serve turns Teams on from the environment, registers its delivery for the routing table's Teams
 * channels, and refuses a half-set configuration. (The adapter itself is tested in adapters.)
 */
class TeamsWiringTest {
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
    void teamsIsOnWithTheAppIdAndPassword() {
        Map<String, String> env = env();
        RoutingTable routing = RoutingTable.bundled();
        Escalations store = store(env, routing);
        assertEquals(List.of(), ServerStore.services(env, TestBots.shared(), store, routing, Clock.systemUTC()).channels());
        env.put("MICROSOFT_APP_ID", "app-id");
        env.put("MICROSOFT_APP_PASSWORD", "app-password");
        List<WebChannel> channels = ServerStore.services(env, TestBots.shared(), store, routing, Clock.systemUTC()).channels();
        assertEquals(List.of("teams"), channels.stream().map(WebChannel::name).toList());
        assertEquals(java.util.Set.of("/api/messages"), channels.get(0).apiPaths());
    }

    @Test
    void aHalfSetTeamsConfigurationIsAUsageErrorNamingTheMissingVariable() {
        Map<String, String> env = env();
        env.put("MICROSOFT_APP_PASSWORD", "app-password");
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
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "Teams needs both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (only MICROSOFT_APP_PASSWORD is set)"), err.toString());
    }

    /**
     * The whole assembly: a routing file gives a team a Teams channel, a question escalated on the
     * web API becomes a ticket, and the server's own outbox worker posts its card to that channel
     * through the Bot Connector (a local fake, which also plays the token endpoint and the key set);
     * /api/messages is on the same server and refuses a request without a Bot Framework token.
     */
    @Test
    void theServersOutboxPostsATicketToItsTeamsChannel() throws Exception {
        List<RecordedRequest> posts = new CopyOnWriteArrayList<>();
        List<String> tokenRequests = new CopyOnWriteArrayList<>();
        RSAPublicKey key = (RSAPublicKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        try (MockWebServer microsoft = new MockWebServer()) {
            microsoft.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getUrl().encodedPath();
                    if (path.equals("/openid")) {
                        return json("{\"jwks_uri\":\"" + microsoft.url("/keys") + "\"}");
                    }
                    if (path.equals("/keys")) {
                        return json("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"k\",\"n\":\"" + b64(key.getModulus())
                                + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\",\"endorsements\":[\"msteams\"]}]}");
                    }
                    if (path.equals("/tenant-1/oauth2/v2.0/token")) {
                        tokenRequests.add(r.getBody().utf8());
                        return json("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"assembly-token\"}");
                    }
                    if (path.startsWith("/teams/v3/conversations/")) {
                        posts.add(r);
                        return json("{\"id\":\"1700000000000\"}");
                    }
                    return new MockResponse.Builder().code(404).build();
                }
            });
            microsoft.start();
            String yaml = new String(RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)
                    .readAllBytes(), StandardCharsets.UTF_8)
                    .replace("      email: information-governance@example.ac.uk", "      teams: \"19:ig-channel@thread.tacv2\"");
            Path routingFile = dir.resolve("routing.yaml");
            Files.writeString(routingFile, yaml);
            Map<String, String> env = env();
            env.put("POLICYBOT_ROUTING", routingFile.toString());
            env.put("MICROSOFT_APP_ID", "app-id");
            env.put("MICROSOFT_APP_PASSWORD", "app-password");
            env.put("MICROSOFT_APP_TENANT_ID", "tenant-1");
            env.put("TEAMS_OPENID_METADATA_URL", microsoft.url("/openid").toString());
            env.put("TEAMS_TOKEN_URL", microsoft.url("/tenant-1/oauth2/v2.0/token").toString());
            env.put("TEAMS_SERVICE_URL", microsoft.url("/teams/").toString());
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
                RecordedRequest post = posts.get(0);
                assertEquals("/teams/v3/conversations/19:ig-channel@thread.tacv2/activities",
                        URLDecoder.decode(post.getUrl().encodedPath(), StandardCharsets.UTF_8));
                assertEquals("Bearer assembly-token", post.getHeaders().get("Authorization"));
                String body = post.getBody().utf8();
                assertTrue(body.contains("application/vnd.microsoft.card.adaptive"), body);
                assertTrue(body.contains("Do I need a DPIA for a transcription tool?"), body);
                assertTrue(body.contains("\"policybot\":\"ticket.claim\""), body);
                assertTrue(tokenRequests.get(0).contains("client_id=app-id"), tokenRequests.toString());
                // and Teams' route is on the same server
                HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, unsigned.statusCode());
            } finally {
                server.stop();
            }
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
    }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
