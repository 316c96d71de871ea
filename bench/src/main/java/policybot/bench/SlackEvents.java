package policybot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Slack's side of the load test: a fake of the Web API on loopback (it answers {@code auth.test}
 * and counts each {@code chat.postMessage}, the bot's answers) and events signed as Slack signs
 * them, with a secret made up for the run.
 */
final class SlackEvents implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret = "bench-signing-secret-" + Long.toHexString(System.nanoTime());
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong ts = new AtomicLong();

    private SlackEvents(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static SlackEvents start() throws IOException {
        // without it the JDK's server leaves Nagle's algorithm on, and each small answer waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        SlackEvents slack = new SlackEvents(server, executor);
        server.createContext("/api/", slack::webApi);
        server.start();
        return slack;
    }

    /** The server's settings that turn Slack on against this fake. */
    Map<String, String> serverSettings() {
        return Map.of("SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", secret,
                "SLACK_API_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    }

    long posted() {
        return posted.get();
    }

    /** The n-th event: a mention of the bot with a question, from a person of its own, signed now. */
    Request event(String url, int n, String question) {
        // a message's ts is its identity (the bot takes "message:channel:ts" once): one of its own per event
        String stamp = String.format("%d.%06d", 1_700_000_000 + n / 1_000_000, n % 1_000_000);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("token", "x");
        root.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("type", "event_callback");
        root.put("event_id", "EvBench" + n);
        root.put("event_time", 1700000000);
        ObjectNode e = root.putObject("event");
        e.put("type", "app_mention");
        e.put("user", "UBENCH" + n);
        e.put("text", "<@UBOT> " + question);
        e.put("ts", stamp);
        e.put("channel", "CBENCH" + (n % 50));
        e.put("event_ts", stamp);
        ObjectNode auth = root.putArray("authorizations").addObject();
        auth.put("team_id", "T1");
        auth.put("user_id", "UBOT");
        auth.put("is_bot", true);
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return new Request.Builder().url(url)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", "v0=" + sign("v0:" + timestamp + ":" + new String(body, StandardCharsets.UTF_8)))
                .post(RequestBody.create(body, JSON)).build();
    }

    private String sign(String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void webApi(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        exchange.getRequestBody().readAllBytes();
        String body = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"user_id\":\"UBOT\",\"team_id\":\"T1\","
                    + "\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" -> {
                posted.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1800000000." + String.format("%06d", ts.incrementAndGet()
                        % 1_000_000) + "\"}";
            }
            default -> "{\"ok\":true}";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
