package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret and no personal data in the logs of a full run. The built jar runs as its own process
 * with every secret configured (API, metrics and admin tokens, Slack's signing secret and bot
 * token, the webhook secret, the PostgreSQL password: password authentication for real) and at
 * the most verbose level, DEBUG; a run of good and bad requests goes through the web API, Slack
 * (signed, forged, a command), the console and the outbox (deliveries to a fake Slack and a
 * webhook, one refused and retried); PostgreSQL is stopped under it; then it is stopped. Every
 * line it wrote, standard output and standard error, is searched for each secret and for the
 * e-mail addresses, phone numbers and ID numbers the questions carried.
 */
class SecretsInLogsIT {
    static final String API_TOKEN = "api-token-7f3e9c1d2b4a6e8f";
    static final String METRICS_TOKEN = "metrics-token-5a7c9e1f3b5d7f9a";
    static final String ADMIN_TOKEN = "admin-token-2c4e6a8b0d1f3e5a";
    static final String SIGNING_SECRET = "slack-signing-secret-9d8c7b6a5f4e";
    static final String BOT_TOKEN = "xoxb-111-222-slackbottokenabcdef";
    static final String WEBHOOK_SECRET = "webhook-secret-1a2b3c4d5e6f7a8b";
    static final String DB_PASSWORD = "db-password-Zq8wX2vR7tY5";
    /** A client's wrong guesses are someone's secrets too. */
    static final String WRONG_TOKEN = "wrong-token-6b5a4f3e2d1c0b9a";
    static final String WRONG_DB_PASSWORD = "wrong-db-password-Hk3mN9pQ";
    static final List<String> SECRETS = List.of(API_TOKEN, METRICS_TOKEN, ADMIN_TOKEN, SIGNING_SECRET, BOT_TOKEN,
            WEBHOOK_SECRET, DB_PASSWORD, WRONG_TOKEN, WRONG_DB_PASSWORD);
    /** Personal data the questions carry: none of it may reach a log. */
    static final List<String> PERSONAL = List.of("jo.bloggs@example.ac.uk", "07700 900123", "07700900123",
            "s.patel@uni.example", "+44 20 7946 0958", "QQ 12 34 56 C", "B00123456", "2301234");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFullRunWithEverySecretConfiguredLogsNoSecretAndNoPersonalData() throws Exception {
        List<String> slackCalls = new CopyOnWriteArrayList<>();
        List<String> hookCalls = new CopyOnWriteArrayList<>();
        File pgData = dir.resolve("pg").toFile();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File("target/embedded-pg"))
                .setDataDirectory(pgData).setCleanDataDirectory(false)
                .setDataDirectoryCustomizer(data -> {
                    try {
                        // the bot's user must give its password; the test's superuser keeps trust
                        Files.writeString(data.toPath().resolve("pg_hba.conf"), String.join("\n",
                                "local all all trust",
                                "host all postgres 127.0.0.1/32 trust",
                                "host all postgres ::1/128 trust",
                                "host all all 127.0.0.1/32 scram-sha-256",
                                "host all all ::1/128 scram-sha-256", ""));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).start();
        try (MockWebServer slack = new MockWebServer(); MockWebServer hook = new MockWebServer()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE policybot LOGIN PASSWORD '" + DB_PASSWORD + "'");
                s.execute("CREATE DATABASE policybot OWNER policybot");
            }
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getUrl().encodedPath();
                    slackCalls.add(path);
                    String method = path.replace("/api/", "");
                    return switch (method) {
                        case "auth.test" -> json("{\"ok\":true,\"url\":\"https://uni-test.slack.com/\",\"user_id\":\"UBOT\","
                                + "\"team_id\":\"T1\",\"bot_id\":\"BBOT\"}");
                        case "chat.postMessage" -> json("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700009999.000100\"}");
                        default -> json("{\"ok\":true}");
                    };
                }
            });
            slack.start();
            // the desk refuses the first delivery, then takes them
            hook.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    hookCalls.add(r.getHeaders().get("Idempotency-Key"));
                    return hookCalls.size() == 1 ? new MockResponse.Builder().code(503).body("busy").build()
                            : new MockResponse.Builder().code(200).body("{}").build();
                }
            });
            hook.start();

            Path routing = dir.resolve("routing.yaml");
            String yaml = new String(policybot.bot.routing.RoutingTable.class.getClassLoader()
                    .getResourceAsStream(policybot.bot.routing.RoutingTable.BUNDLED).readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^      email: (\\S+)@example\\.ac\\.uk$").matcher(yaml);
            StringBuilder replaced = new StringBuilder();
            int n = 0;
            while (m.find()) {
                m.appendReplacement(replaced, "      slack: CTEAM000" + (++n) + "\n      webhook: " + hook.url("/desk")
                        + "\n      email: $1@example.ac.uk");
            }
            m.appendTail(replaced);
            assertEquals(8, n);
            Files.writeString(routing, replaced.toString());

            Map<String, String> env = new LinkedHashMap<>();
            env.put("POLICYBOT_HOST", "127.0.0.1");
            env.put("POLICYBOT_PORT", "0");
            env.put("POLICYBOT_LOG_LEVEL", "DEBUG");
            env.put("POLICYBOT_API_TOKEN", API_TOKEN);
            env.put("POLICYBOT_METRICS_TOKEN", METRICS_TOKEN);
            env.put("POLICYBOT_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("POLICYBOT_DB_URL", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/policybot");
            env.put("POLICYBOT_DB_USER", "policybot");
            env.put("POLICYBOT_DB_PASSWORD", DB_PASSWORD);
            env.put("POLICYBOT_ROUTING", routing.toString());
            env.put("POLICYBOT_WEBHOOK_SECRET", WEBHOOK_SECRET);
            env.put("POLICYBOT_OUTBOX_POLL", "PT0.2S");
            env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
            env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
            env.put("SLACK_API_URL", slack.url("/api/").toString());

            // first a start with the wrong database password: refused, and the log says why without it
            Map<String, String> wrong = new LinkedHashMap<>(env);
            wrong.put("POLICYBOT_DB_PASSWORD", WRONG_DB_PASSWORD);
            Path refusedLog = dir.resolve("refused.log");
            Process refused = start(wrong, refusedLog);
            assertTrue(refused.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, refused.exitValue(), Files.readString(refusedLog));
            assertTrue(Files.readString(refusedLog).contains("password authentication failed for user \"policybot\""),
                    Files.readString(refusedLog));

            Path log = dir.resolve("run.log");
            Process p = start(env, log);
            try {
                int port = awaitReady(p, log);
                String base = "http://127.0.0.1:" + port;
                List<Integer> statuses = new ArrayList<>();
                // the web API: good, unauthenticated, wrong token, bad bodies
                String bearer = "Bearer " + API_TOKEN;
                statuses.add(post(base + "/api/ask", "{\"id\":\"q-1\",\"text\":\"Can I paste jo.bloggs@example.ac.uk's marks "
                        + "into ChatGPT? Call me on 07700 900123\"}", bearer));
                statuses.add(post(base + "/api/ask", "{\"id\":\"q-2\",\"text\":\"my student number is 2301234 and my NI "
                        + "number QQ 12 34 56 C: how do I bake bread?\"}", bearer));
                statuses.add(post(base + "/api/ask", "{\"text\":\"write to s.patel@uni.example about B00123456\"}", null));
                statuses.add(post(base + "/api/ask", "{\"text\":\"call +44 20 7946 0958\"}", "Bearer " + WRONG_TOKEN));
                statuses.add(post(base + "/api/ask", "{\"text\": \"jo.bloggs@example.ac.uk 07700900123", bearer));
                statuses.add(post(base + "/api/ask", "{\"text\": \"" + "jo.bloggs@example.ac.uk ".repeat(200) + "\"}", bearer));
                statuses.add(post(base + "/api/ask", "{\"text\": \"07700 900123\", \"user\": \"" + "x".repeat(300) + "\"}", bearer));
                statuses.add(post(base + "/api/escalations", "{\"id\":\"q-3\",\"question\":\"Do I need a DPIA before putting "
                        + "s.patel@uni.example's data into Copilot?\",\"contact\":\"jo.bloggs@example.ac.uk\",\"details\":"
                        + "\"ring 07700 900123\"}", bearer));
                statuses.add(post(base + "/api/feedback", "{\"id\":\"q-4\",\"question\":\"can I email 07700 900123?\","
                        + "\"helpful\":false,\"comment\":\"wrong, ask jo.bloggs@example.ac.uk\"}", bearer));
                // Slack: a signed mention and command, a forged and a replayed request
                String mention = "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                        + "\"event_id\":\"Ev1\",\"event_time\":1700000000,\"event\":{\"type\":\"app_mention\",\"user\":\"U1\","
                        + "\"text\":\"<@UBOT> can I share jo.bloggs@example.ac.uk and 07700 900123 with Gemini?\","
                        + "\"ts\":\"1700000000.000100\",\"channel\":\"C1\",\"event_ts\":\"1700000000.000100\"},"
                        + "\"authorizations\":[{\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"is_bot\":true}]}";
                long now = Instant.now().getEpochSecond();
                statuses.add(slack(base, "application/json", mention, now, sign(SIGNING_SECRET, now, mention)));
                statuses.add(slack(base, "application/json", mention, now, sign(SIGNING_SECRET, now, mention)));
                statuses.add(slack(base, "application/json", mention, now, sign(WRONG_TOKEN, now, mention)));
                String command = "token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Faipolicy&text="
                        + URLEncoder.encode("may I upload B00123456 records to Claude? s.patel@uni.example", StandardCharsets.UTF_8)
                        + "&response_url=" + URLEncoder.encode(slack.url("/hooks/1").toString(), StandardCharsets.UTF_8)
                        + "&trigger_id=t1";
                statuses.add(slack(base, "application/x-www-form-urlencoded", command, now, sign(SIGNING_SECRET, now, command)));
                // the console: a script's bearer read, a wrong one, a wrong sign-in
                statuses.add(get(base + "/admin/review", "Bearer " + ADMIN_TOKEN));
                statuses.add(get(base + "/admin/tickets.csv", "Bearer " + WRONG_TOKEN));
                statuses.add(get(base + "/metrics", "Bearer " + METRICS_TOKEN));
                statuses.add(get(base + "/metrics", "Bearer " + API_TOKEN));
                statuses.add(get(base + "/readyz", null));
                // the outbox delivers the ticket to Slack and (after a 503) the webhook
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((hookCalls.size() < 2 || slackCalls.stream().noneMatch(c -> c.endsWith("chat.postMessage")))
                        && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertTrue(hookCalls.size() >= 2, "the webhook was retried after its 503: " + hookCalls);
                // the store goes away under it: the failure paths log too
                pg.close();
                statuses.add(post(base + "/api/escalations", "{\"question\":\"exception for jo.bloggs@example.ac.uk please\","
                        + "\"contact\":\"07700 900123\"}", bearer));
                statuses.add(post(base + "/api/ask", "{\"text\":\"what about s.patel@uni.example and QQ 12 34 56 C?\"}", bearer));
                statuses.add(get(base + "/readyz", null));
                Thread.sleep(1000);
                assertEquals(List.of(200, 200, 401, 401, 400, 400, 400, 201, 201, 200, 401, 401, 200, 200, 401, 200, 401, 200,
                        503, 200, 503), statuses, "the run went as planned");
            } finally {
                p.destroy();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
                pg.close();
            }

            String logs = Files.readString(refusedLog) + Files.readString(log);
            Files.copy(log, Path.of("target", "secrets-in-logs-run.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertTrue(logs.contains("POST /api/ask 200"), "the request lines were logged");
            assertTrue(logs.contains("refused a request to /slack/events"), "the forged request was logged, without its body");
            assertTrue(logs.contains("could not open a ticket for question"), "the store failure was logged");
            List<String> found = new ArrayList<>();
            for (String secret : SECRETS) {
                if (logs.contains(secret)) {
                    found.add("secret " + secret);
                }
            }
            for (String data : PERSONAL) {
                if (logs.contains(data)) {
                    found.add("personal data " + data);
                }
            }
            if (!found.isEmpty()) {
                StringBuilder where = new StringBuilder();
                for (String line : logs.lines().toList()) {
                    for (String f : found) {
                        if (line.contains(f.substring(f.indexOf(' ') + 1))) {
                            where.append(line, 0, Math.min(line.length(), 300)).append('\n');
                        }
                    }
                }
                throw new AssertionError("in the logs: " + found + "\n" + where);
            }
            System.out.printf("secrets in logs: %d lines searched, %d secrets and %d pieces of personal data, none found%n",
                    logs.lines().count(), SECRETS.size(), PERSONAL.size());
        }
    }

    private Process start(Map<String, String> env, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-jar", Path.of("target", "policybot.jar").toAbsolutePath().toString(), "serve")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("POLICYBOT_") || k.startsWith("SLACK_"));
        b.environment().putAll(env);
        return b.start();
    }

    private static int awaitReady(Process p, Path log) throws Exception {
        Pattern ready = Pattern.compile("PolicyBot is ready: open http://[^:]+:(\\d+)/");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new AssertionError("the server stopped: " + Files.readString(log));
            }
            Matcher m = ready.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready: " + Files.readString(log));
    }

    private int post(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int slack(String base, String type, String body, long timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/slack/events")).header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp)).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String sign(String secret, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
