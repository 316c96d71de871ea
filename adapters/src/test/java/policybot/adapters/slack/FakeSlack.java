package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local stand-in for Slack's Web API (and for the response URLs Slack hands out), on okhttp's
 * MockWebServer: answers each method as Slack does, and records every request the bot makes so
 * tests assert on what was really sent.
 */
final class FakeSlack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOT_USER = "UBOT";
    static final String WORKSPACE = "https://uni-test.slack.com/";

    /** One request the bot made. */
    record Call(String method, String path, Map<String, String> form, String body, String authorization) {
        String param(String name) {
            return form.get(name);
        }

        JsonNode json(String name) {
            try {
                return JSON.readTree(form.get(name));
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + form.get(name), e);
            }
        }

        JsonNode bodyJson() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<MockResponse>> overrides = new ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger();
    private volatile okhttp3.WebSocketListener socket;

    /** Socket Mode: apps.connections.open hands out ws://.../socket, and this listener is Slack's end of it. */
    void socketMode(okhttp3.WebSocketListener listener) {
        this.socket = listener;
    }

    FakeSlack() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answer(r);
            }
        });
        server.start();
    }

    /** The Web API base URL for SLACK_API_URL. */
    String apiUrl() {
        return server.url("/api/").toString();
    }

    /** A response URL as Slack would put in a command or interaction payload. */
    String responseUrl(String name) {
        return server.url("/hooks/" + name).toString();
    }

    int port() {
        return server.getPort();
    }

    /** The next call(s) to a method answer with these responses, in order, instead of success. */
    void answerNext(String method, MockResponse... responses) {
        Deque<MockResponse> q = overrides.computeIfAbsent(method, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(responses));
        }
    }

    static MockResponse error(String error) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"ok\":false,\"error\":\"" + error + "\"}").build();
    }

    static MockResponse status(int code, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).body("{\"ok\":false}");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /** Every call to a method so far, in order. */
    List<Call> calls(String method) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals(method)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every call except auth.test (which Bolt makes on its own schedule). */
    List<Call> callsBesidesAuth() {
        return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
    }

    /** Waits for the n-th (1-based) call to a method. */
    Call await(String method, int n) throws InterruptedException {
        return await(method, n, Duration.ofSeconds(10));
    }

    Call await(String method, int n, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            List<Call> c = calls(method);
            if (c.size() >= n) {
                return c.get(n - 1);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no call " + n + " to " + method + " within " + within + "; calls: "
                + calls.stream().map(Call::method).toList());
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/socket") && socket != null) {
            calls.add(new Call("socket", path, Map.of(), "", r.getHeaders().get("Authorization")));
            return new MockResponse.Builder().webSocketUpgrade(socket).build();
        }
        String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/hooks/") ? "response_url" : path;
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        String contentType = r.getHeaders().get("Content-Type");
        Map<String, String> form = contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("application/json")) ? form(body) : Map.of();
        calls.add(new Call(method, path, form, body, r.getHeaders().get("Authorization")));
        Deque<MockResponse> q = overrides.get(method);
        if (q != null) {
            synchronized (q) {
                MockResponse next = q.poll();
                if (next != null) {
                    return next;
                }
            }
        }
        return switch (method) {
            case "auth.test" -> ok("{\"ok\":true,\"url\":\"" + WORKSPACE + "\",\"team\":\"Uni Test\",\"user\":\"policybot\","
                    + "\"team_id\":\"T1\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"BBOT\",\"is_enterprise_install\":false}");
            case "chat.postMessage" -> ok("{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C0")
                    + "\",\"ts\":\"1700009999." + String.format("%06d", ts.incrementAndGet()) + "\"}");
            case "chat.update" -> ok("{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C0") + "\",\"ts\":\""
                    + form.getOrDefault("ts", "1") + "\"}");
            case "chat.postEphemeral" -> ok("{\"ok\":true,\"message_ts\":\"1700009999.999999\"}");
            case "apps.connections.open" -> socket == null ? ok("{\"ok\":false,\"error\":\"invalid_auth\"}")
                    : ok("{\"ok\":true,\"url\":\"ws://127.0.0.1:" + server.getPort() + "/socket\"}");
            case "views.publish" -> ok("{\"ok\":true,\"view\":{\"id\":\"VHOME\"}}");
            case "views.open", "views.update" -> ok("{\"ok\":true,\"view\":{\"id\":\"V1\",\"hash\":\"h2\"}}");
            case "response_url" -> new MockResponse.Builder().code(200).body("ok").build();
            default -> ok("{\"ok\":false,\"error\":\"unknown_method\"}");
        };
    }

    private static MockResponse ok(String json) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(json).build();
    }

    /** A call's fields: a form's, or a JSON body's top-level fields (strings as they are, the rest as JSON). */
    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        if (body.startsWith("{")) {
            // the bot's answers are posted as JSON (PostMessage); its other calls, through the SDK, as a form
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).properties().forEach(e ->
                        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (java.io.IOException e) {
                throw new AssertionError("a JSON body that is not JSON: " + body, e);
            }
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
