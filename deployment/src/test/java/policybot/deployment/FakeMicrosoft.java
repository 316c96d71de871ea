package policybot.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Everything Microsoft runs for a Teams bot, on one local MockWebServer: the Bot Framework's OpenID
 * metadata and key set (an RSA key made here signs the activities' tokens, as the Bot Framework's
 * does), the Entra ID token endpoint, and the Bot Connector (the activities' serviceUrl), whose
 * answers a test may replace (429, 500, a time-out) through {@link #faults}.
 */
final class FakeMicrosoft implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String APP_ID = "00000000-0000-0000-0000-00000000b07a";
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String KID = "assembly-key";

    /** A call to the Bot Connector and what it was answered. */
    record Call(String method, String path, String body, int status) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    final MockWebServer server = new MockWebServer();
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** A connector call's answer instead of 200, or null for 200 (say, a 429 for one call in twenty). */
    volatile Function<RecordedRequest, MockResponse> faults = r -> null;
    private final KeyPair signing;
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String token;
    private volatile long tokenUntil;

    FakeMicrosoft() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        signing = g.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) signing.getPublic();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = URLDecoder.decode(r.getUrl().encodedPath(), StandardCharsets.UTF_8);
                if (path.equals("/openid")) {
                    return json(200, "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + server.url("/keys") + "\"}");
                }
                if (path.equals("/keys")) {
                    return json(200, "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + KID + "\",\"n\":\""
                            + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent())
                            + "\",\"endorsements\":[\"msteams\"]}]}");
                }
                if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
                    return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"assembly-token\"}");
                }
                if (path.startsWith("/teams/v3/conversations")) {
                    String body = r.getBody() == null ? "" : r.getBody().utf8();
                    MockResponse fault = faults.apply(r);
                    if (fault != null) {
                        calls.add(new Call(r.getMethod(), path, body, fault.getCode()));
                        return fault;
                    }
                    calls.add(new Call(r.getMethod(), path, body, 200));
                    return json(200, "{\"id\":\"connector-" + ids.incrementAndGet() + "\"}");
                }
                return json(404, "{}");
            }
        });
        server.start();
    }

    /** Turns Teams on in serve's environment, pointed at this fake. */
    Map<String, String> env(Map<String, String> env) {
        env.put("MICROSOFT_APP_ID", APP_ID);
        env.put("MICROSOFT_APP_PASSWORD", "assembly-secret-0123456789");
        env.put("MICROSOFT_APP_TENANT_ID", TENANT);
        env.put("TEAMS_OPENID_METADATA_URL", server.url("/openid").toString());
        env.put("TEAMS_TOKEN_URL", server.url("/" + TENANT + "/oauth2/v2.0/token").toString());
        env.put("TEAMS_SERVICE_URL", serviceUrl());
        return env;
    }

    String serviceUrl() {
        return server.url("/teams/").toString();
    }

    /** A Bot Framework token for this service URL, as the Bot Framework signs one; an hour long, made once. */
    synchronized String token() throws Exception {
        long now = Instant.now().getEpochSecond();
        if (token == null || now > tokenUntil - 600) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("kid", KID);
            header.put("typ", "JWT");
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("serviceurl", serviceUrl());
            claims.put("nbf", now - 60);
            claims.put("exp", now + 3600);
            claims.put("iss", "https://api.botframework.com");
            claims.put("aud", APP_ID);
            String signed = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(signing.getPrivate());
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            token = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
            tokenUntil = now + 3600;
        }
        return token;
    }

    /** An activity as Teams sends it: from a person (their Entra object id {@code aad-<who>}) in a conversation. */
    ObjectNode activity(String type, String id, String conversationId, String conversationType, String who) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type).put("id", id).put("timestamp", Instant.now().toString()).put("serviceUrl", serviceUrl())
                .put("channelId", "msteams");
        a.putObject("from").put("id", "29:" + who).put("name", who).put("aadObjectId", "aad-" + who);
        ObjectNode conversation = a.putObject("conversation").put("conversationType", conversationType)
                .put("tenantId", TENANT).put("id", conversationId);
        if (!conversationType.equals("personal")) {
            conversation.put("isGroup", true);
        }
        a.putObject("recipient").put("id", "28:" + APP_ID).put("name", "PolicyBot");
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a;
    }

    /** A question in a personal chat with the bot. */
    ObjectNode message(String id, String who, String text) {
        ObjectNode a = activity("message", id, "a:chat-" + who, "personal", who);
        a.put("text", text).put("textFormat", "plain");
        return a;
    }

    /** The Ask a specialist form's Send, as Teams posts it (a task/submit invoke with the card's data). */
    ObjectNode specialistSubmit(String id, String who, String team, String question) {
        ObjectNode a = activity("invoke", id, "a:chat-" + who, "personal", who);
        a.put("name", "task/submit");
        ObjectNode value = a.putObject("value").put("type", "task/submit");
        value.putObject("data").put("policybot", "specialist.send").put("team", team).put("question", question)
                .put("qid", "q-" + id);
        return a;
    }

    /** Posts an activity to the bot with a good token, as the Bot Framework does. */
    HttpResponse<String> post(int port, ObjectNode activity) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The calls made to the Bot Connector for one conversation (replies and posts to it). */
    List<Call> callsTo(String conversationId) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.path().startsWith("/teams/v3/conversations/" + conversationId + "/")
                    || c.path().equals("/teams/v3/conversations/" + conversationId)).toList();
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        return b64(b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
