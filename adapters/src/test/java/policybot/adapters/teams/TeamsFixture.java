package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import policybot.adapters.web.WebConfig;
import policybot.adapters.web.WebMetrics;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/**
 * The running server with Teams switched on, and local fakes of everything Microsoft runs: the
 * Bot Framework's OpenID metadata and key set (an RSA key made here signs the tokens), the Entra ID
 * token endpoint, and the Bot Connector (the activities' serviceUrl). Everything is real HTTP on
 * loopback.
 */
final class TeamsFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String APP_ID = "00000000-0000-0000-0000-00000000b07a";
    static final String APP_PASSWORD = "not-a-real-secret-but-a-long-one";
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String ISSUER = "https://api.botframework.com";
    static final String KID = "key-1";
    /** The team channel each team's tickets are posted to (the outbox destination teams:<id>). */
    static final String TEAM_CHANNEL_PREFIX = "19:channel-";

    private static PolicyBot bot;

    final KeyPair signing = rsa();
    final MockWebServer openid = new MockWebServer();
    final MockWebServer login = new MockWebServer();
    final MockWebServer connector = new MockWebServer();
    final MovableClock clock = new MovableClock(Instant.now());
    final AtomicInteger keyFetches = new AtomicInteger();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final List<RecordedRequest> connectorRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    /** Answers the connector gives, in order; when empty, 200 with an id. */
    final Deque<MockResponse> connectorScript = new ArrayDeque<>();
    volatile String jwks;
    final Escalations store;
    final TeamsChannel teams;
    final TeamsConfig config;
    final WebServer server;
    final WebMetrics metrics = new WebMetrics();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger connectorIds = new AtomicInteger();
    private final int turnThreads;
    private final int turnQueue;

    TeamsFixture(Path dir) throws Exception {
        this(dir, null);
    }

    /** @param failingStore when given, the store the bot gets (say, one that throws) */
    TeamsFixture(Path dir, Supplier<Escalations> failingStore) throws Exception {
        this(dir, failingStore, Turns.DEFAULT_THREADS, Turns.DEFAULT_QUEUE);
    }

    /** With a pool of turns of this size (the flood tests fill it). */
    TeamsFixture(Path dir, Supplier<Escalations> failingStore, int turnThreads, int turnQueue) throws Exception {
        this.turnThreads = turnThreads;
        this.turnQueue = turnQueue;
        jwks = jwks(Map.of(KID, new Published((RSAPublicKey) signing.getPublic(), List.of("msteams", "skype"))));
        openid.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getTarget().equals("/v1/.well-known/openidconfiguration")) {
                    return json(200, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + openid.url("/v1/keys") + "\"}");
                }
                if (r.getTarget().equals("/v1/keys")) {
                    keyFetches.incrementAndGet();
                    return json(200, jwks);
                }
                return json(404, "{}");
            }
        });
        login.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                tokenRequests.add(r);
                return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"bot-token-" + tokensIssued.incrementAndGet() + "\"}");
            }
        });
        connector.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                connectorRequests.add(r);
                synchronized (connectorScript) {
                    if (!connectorScript.isEmpty()) {
                        return connectorScript.poll();
                    }
                }
                if (r.getMethod().equals("POST") && r.getTarget().endsWith("/v3/conversations")) {
                    return json(200, "{\"id\":\"a:personal-chat-opened\"}");
                }
                return json(200, "{\"id\":\"activity-" + connectorIds.incrementAndGet() + "\"}");
            }
        });
        openid.start();
        login.start();
        connector.start();
        Escalations.Settings settings = new Escalations.Settings(ReviewQueue.DEFAULT_LOW_CONFIDENCE, TicketSettings.DEFAULT,
                key -> List.of(TeamsDelivery.KIND + ":" + teamChannel(key)));
        store = Escalations.open(StoreConfig.sqlite(dir.resolve("policybot.db")), RoutingTable.bundled(), settings, clock);
        config = new TeamsConfig(APP_ID, APP_PASSWORD, Optional.of(TENANT),
                URI.create(openid.url("/v1/.well-known/openidconfiguration").toString()),
                URI.create(login.url("/" + TENANT + "/oauth2/v2.0/token").toString()),
                URI.create(connector.url("/teams/").toString()));
        teams = channel(failingStore != null ? failingStore : () -> store);
        server = new WebServer(WebConfig.local(), bot(), WebServices.withoutStore().withChannel(teams), metrics).start();
        // The endpoint fetches the keys and a token in the background at start; let it finish so
        // that what the tests count afterwards is what their requests caused.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((keyFetches.get() < 1 || tokensIssued.get() < 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Another Teams channel on the same fakes, for another server. */
    TeamsChannel channel(Supplier<Escalations> onStore) {
        return TeamsChannel.create(config, bot(), RoutingTable.bundled(), onStore, clock, OpenIdKeys.MIN_REFRESH_INTERVAL,
                turnThreads, turnQueue);
    }

    static synchronized PolicyBot bot() {
        if (bot == null) {
            bot = BotFactory.bundled();
        }
        return bot;
    }

    static String teamChannel(String teamKey) {
        return TEAM_CHANNEL_PREFIX + teamKey + "@thread.tacv2";
    }

    /** The Bot Connector's base address, as Teams puts it in every activity. */
    String serviceUrl() {
        return connector.url("/teams/").toString();
    }

    // --- tokens -------------------------------------------------------------------------------

    /** The claims of a good token for an activity from this service URL. */
    Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("serviceurl", serviceUrl());
        c.put("nbf", now - 60);
        c.put("exp", now + 3600);
        c.put("iss", ISSUER);
        c.put("aud", APP_ID);
        return c;
    }

    String token() {
        return jwt(signing.getPrivate(), KID, "RS256", claims());
    }

    static String jwt(PrivateKey key, String kid, String alg, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("kid", kid);
        header.put("typ", "JWT");
        String signed = b64(write(header)) + "." + b64(write(claims));
        if (key == null) {
            return signed + ".";
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    record Published(RSAPublicKey key, List<String> endorsements) {
    }

    static String jwks(Map<String, Published> keys) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("keys");
        keys.forEach((kid, p) -> {
            ObjectNode k = array.addObject().put("kty", "RSA").put("use", "sig").put("kid", kid)
                    .put("n", b64(unsigned(p.key().getModulus()))).put("e", b64(unsigned(p.key().getPublicExponent())));
            if (p.endorsements() != null) {
                ArrayNode e = k.putArray("endorsements");
                p.endorsements().forEach(e::add);
            }
        });
        return root.toString();
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- activities ---------------------------------------------------------------------------

    /** A message from Jo in a personal chat with the bot. */
    ObjectNode personalMessage(String id, String text) {
        ObjectNode a = activity("message", id, "a:personal-chat-jo", "personal");
        a.put("text", text).put("textFormat", "plain");
        return a;
    }

    ObjectNode activity(String type, String id, String conversationId, String conversationType) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type);
        if (id != null) {
            a.put("id", id);
        }
        a.put("timestamp", "2026-03-02T09:00:00.123Z");
        a.put("serviceUrl", serviceUrl());
        a.put("channelId", "msteams");
        a.putObject("from").put("id", "29:user-jo").put("name", "Jo Bloggs").put("aadObjectId", "aad-jo");
        ObjectNode conversation = a.putObject("conversation").put("conversationType", conversationType)
                .put("tenantId", TENANT).put("id", conversationId);
        if (!conversationType.equals("personal")) {
            conversation.put("isGroup", true);
        }
        a.putObject("recipient").put("id", "28:" + APP_ID).put("name", "PolicyBot");
        a.put("locale", "en-GB");
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a;
    }

    HttpResponse<String> post(JsonNode activity, String token) {
        return post(activity.toString(), token);
    }

    /** Any body, as the Bot Framework would post it (the fuzz test's bodies need not be JSON). */
    HttpResponse<String> post(String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(JsonNode activity) {
        return post(activity, token());
    }

    /** What the connector was sent, as JSON, in order. */
    List<JsonNode> sentBodies() {
        return connectorRequests.stream().map(r -> read(r.getBody().utf8())).toList();
    }

    static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(s, e);
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        metrics.close();
        teams.close();
        openid.close();
        login.close();
        connector.close();
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** A clock the test moves by hand (key refresh and token expiry). */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
