package policybot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's side of the load test: a fake of the Web API on loopback (it answers {@code auth.test}
 * and counts each {@code chat.postMessage}, the bot's answers) and events signed as Slack signs
 * them, with a secret made up for the run.
 */
final class SlackEvents implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerSocket server;
    private final Thread acceptor;
    private final String secret = "bench-signing-secret-" + Long.toHexString(System.nanoTime());
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong ts = new AtomicLong();

    /**
     * The fake Web API: a thread a connection (the bot's client keeps a few alive), each reading a
     * request's line, headers and body and writing a fixed answer. Slack's cloud is another
     * machine's work; a general server here (the JDK's cost about 0.7 ms of processor a call) took
     * the two cores from the server under test.
     */
    private SlackEvents(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("fake-slack-accept").start(this::accept);
    }

    static SlackEvents start() throws IOException {
        return new SlackEvents(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("fake-slack").start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 16_384);
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 4_096)) {
            byte[] line = new byte[8192];
            while (true) {
                String request = KeepAlive.line(in, line);
                if (request == null) {
                    return;
                }
                int length = 0;
                for (String h = KeepAlive.line(in, line); h != null && !h.isEmpty(); h = KeepAlive.line(in, line)) {
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                in.skipNBytes(length);
                int space = request.indexOf(' ');
                String path = request.substring(space + 1, request.indexOf(' ', space + 1));
                byte[] body = webApi(path.substring(path.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the bot closed the connection, or the run is over
        }
    }

    /** The server's settings that turn Slack on against this fake. */
    Map<String, String> serverSettings() {
        return Map.of("SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", secret,
                "SLACK_API_URL", "http://127.0.0.1:" + server.getLocalPort() + "/api/");
    }

    long posted() {
        return posted.get();
    }

    /** The n-th event: a mention of the bot with a question, from a person of its own, signed now. */
    KeepAlive.Post event(int n, String question) {
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
        return new KeepAlive.Post("/slack/events", body, "X-Slack-Request-Timestamp: " + timestamp + "\r\n"
                + "X-Slack-Signature: v0=" + sign("v0:" + timestamp + ":" + new String(body, StandardCharsets.UTF_8)) + "\r\n");
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

    private String webApi(String method) {
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"user_id\":\"UBOT\",\"team_id\":\"T1\","
                    + "\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" -> {
                posted.incrementAndGet();
                yield "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1800000000." + String.format("%06d", ts.incrementAndGet()
                        % 1_000_000) + "\"}";
            }
            default -> "{\"ok\":true}";
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
