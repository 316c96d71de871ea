package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the running server's /slack/events as Slack does: the body signed with the
 * signing secret (v0 HMAC-SHA256, computed here independently of the code under test).
 */
final class SignedClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String secret;

    SignedClient(int port, String secret) {
        this.uri = URI.create("http://127.0.0.1:" + port + SlackChannel.PATH);
        this.secret = secret;
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Events API callback (JSON), signed now. */
    HttpResponse<String> event(String json, String... headers) {
        return post("application/json", json, Instant.now().getEpochSecond(), headers);
    }

    /** A slash command (form fields), signed now. */
    HttpResponse<String> command(Map<String, String> fields) {
        return post("application/x-www-form-urlencoded", form(fields), Instant.now().getEpochSecond());
    }

    /** An interaction (block_actions, view_submission): {@code payload=<json>}, signed now. */
    HttpResponse<String> interaction(String payloadJson) {
        return post("application/x-www-form-urlencoded", form(Map.of("payload", payloadJson)),
                Instant.now().getEpochSecond());
    }

    HttpResponse<String> post(String contentType, String body, long timestamp, String... headers) {
        HttpRequest.Builder b = request(contentType, body)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", sign(secret, timestamp, body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpRequest.Builder request(String contentType, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> r) {
        try {
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        for (var e : new LinkedHashMap<>(fields).entrySet()) {
            if (!s.isEmpty()) {
                s.append('&');
            }
            s.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }
}
