package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.escalation.Ticket;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

/**
 * The soak: the whole assembly ({@code serve} as the jar wires it) on loopback, thousands of mixed
 * requests through the web API, Slack (signed, with Slack's retries) and Teams (activities with
 * Bot Framework tokens) while the fake Slack Web API fails one call in ten (500, or 429 with
 * Retry-After) and the fake Bot Connector as many (500, 429 with Retry-After, a time-out), then a
 * reconciliation: every escalation is exactly one ticket, every ticket was delivered to its team's
 * Slack and Teams channels once each, every answer went out once (or was given up after the
 * platform kept failing), no review item, feedback or answer count was lost. Outside the unit test run:
 *
 * <pre>./mvnw -pl deployment -am verify -Psoak [-Dsoak.requests=3000] [-Dsoak.faults=0.1] [-Dsoak.seed=1]
 *     [-Dsoak.store=sqlite|postgresql] [-Dsoak.minutes=10]</pre>
 */
@Tag("soak")
class SoakTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "soak-signing-secret-0123456789";
    static final String API_TOKEN = "soak-api-token-0123456789abcdef";
    static final Pattern REFERENCE = Pattern.compile("T-(\\d+)");
    /** A reply in a Teams conversation names the activity it answers: .../conversations/{id}/activities/{activity id} */
    static final Pattern REPLY = Pattern.compile("^/teams/v3/conversations/[^/]+/activities/(.+)$");
    static final Pattern TEAM_CHANNEL_POST = Pattern.compile("^/teams/v3/conversations/19:soakteam\\d+@thread\\.tacv2/activities$");
    /** What every answer card carries (a slow-down, a thanks or a ticket's note are plain text). */
    static final String CARD = "application/vnd.microsoft.card.adaptive";
    static final List<String> TEAMS = List.of("exceptions", "policy-owner", "information-governance", "it-security",
            "ip-commercialisation", "legal-services", "digital-skills", "dts");

    @TempDir
    Path dir;

    final int requests = Integer.getInteger("soak.requests", 3000);
    final double faults = Double.parseDouble(System.getProperty("soak.faults", "0.1"));
    final long seed = Long.getLong("soak.seed", 1L);
    final int minutes = Integer.getInteger("soak.minutes", 10);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The fake Slack: every call recorded with what it answered; one in ten (by default) fails. */
    final class FakeSlack extends Dispatcher {
        record Call(String method, String path, Map<String, String> form, String body, int status, boolean ok) {
        }

        final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        final Random random = new Random(seed);
        final AtomicInteger ts = new AtomicInteger();
        final AtomicInteger injected500 = new AtomicInteger();
        final AtomicInteger injected429 = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/hooks/") ? "response_url" : path;
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            Map<String, String> form = method.equals("response_url") ? Map.of() : SlackCallFields.of(body);
            if (!method.equals("auth.test")) {
                double roll;
                synchronized (random) {
                    roll = random.nextDouble();
                }
                if (roll < faults / 2) {
                    injected500.incrementAndGet();
                    calls.add(new Call(method, path, form, body, 500, false));
                    return new MockResponse.Builder().code(500).body("{\"ok\":false}").build();
                }
                if (roll < faults) {
                    injected429.incrementAndGet();
                    calls.add(new Call(method, path, form, body, 429, false));
                    return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{\"ok\":false}").build();
                }
            }
            calls.add(new Call(method, path, form, body, 200, true));
            return switch (method) {
                case "auth.test" -> json("{\"ok\":true,\"url\":\"https://uni-soak.slack.com/\",\"user_id\":\"UBOT\","
                        + "\"team_id\":\"T1\",\"bot_id\":\"BBOT\"}");
                case "chat.postMessage" -> json("{\"ok\":true,\"channel\":\"" + form.getOrDefault("channel", "C0")
                        + "\",\"ts\":\"1800000000." + String.format("%06d", ts.incrementAndGet()) + "\"}");
                case "response_url" -> new MockResponse.Builder().code(200).body("ok").build();
                default -> json("{\"ok\":true}");
            };
        }

        List<Call> successful(String method) {
            synchronized (calls) {
                return calls.stream().filter(c -> c.ok() && c.method().equals(method)).toList();
            }
        }

        List<Call> failed(String method) {
            synchronized (calls) {
                return calls.stream().filter(c -> !c.ok() && c.method().equals(method)).toList();
            }
        }
    }

    /**
     * The fake Bot Connector's faults, seeded: of {@code soak.faults} of its calls, 45% a 500, 45% a
     * 429 with Retry-After, 10% a time-out (the answer held past the bot's 10-second read time-out).
     * A call that failed was not taken by the fake: only a 200 posts a message.
     */
    final class ConnectorFaults implements java.util.function.Function<RecordedRequest, MockResponse> {
        final Random random = new Random(seed + 1);
        final AtomicInteger injected500 = new AtomicInteger();
        final AtomicInteger injected429 = new AtomicInteger();
        final AtomicInteger injectedTimeouts = new AtomicInteger();

        @Override
        public MockResponse apply(RecordedRequest r) {
            double roll;
            synchronized (random) {
                roll = random.nextDouble();
            }
            if (roll < faults * 0.45) {
                injected500.incrementAndGet();
                return FakeMicrosoft.json(500, "{\"error\":{\"code\":\"ServiceError\",\"message\":\"injected\"}}");
            }
            if (roll < faults * 0.9) {
                injected429.incrementAndGet();
                return new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                        .addHeader("Content-Type", "application/json").body("{}").build();
            }
            if (roll < faults) {
                injectedTimeouts.incrementAndGet();
                // recorded as a 504: the bot gives up at 10 s and never sees it
                return new MockResponse.Builder().code(504).headersDelay(11, TimeUnit.SECONDS).body("{}").build();
            }
            return null;
        }

        int total() {
            return injected500.get() + injected429.get() + injectedTimeouts.get();
        }
    }

    /** What the load sent and what it was told, for the reconciliation. */
    static final class Sent {
        final AtomicInteger webAsked = new AtomicInteger();
        final AtomicInteger webAnswered = new AtomicInteger();
        final AtomicInteger webRefused = new AtomicInteger();
        final AtomicInteger floodAsked = new AtomicInteger();
        final AtomicInteger floodAnswered = new AtomicInteger();
        final AtomicInteger floodRefused = new AtomicInteger();
        final AtomicInteger feedbackSent = new AtomicInteger();
        final AtomicInteger feedbackRecorded = new AtomicInteger();
        final AtomicInteger notHelpfulRecorded = new AtomicInteger();
        final AtomicInteger expectedReview = new AtomicInteger();
        final AtomicInteger expectedNoAnswer = new AtomicInteger();
        /** requester id -> the reference the person was told (web: their contact; Slack: their user id) */
        final Map<String, String> escalations = new ConcurrentHashMap<>();
        final Map<String, String> slackEscalationsPending = new ConcurrentHashMap<>();
        final AtomicInteger escalationsRefused = new AtomicInteger();
        /** thread ts of each mention Slack had accepted (200) */
        final Map<String, Boolean> mentions = new ConcurrentHashMap<>();
        final AtomicInteger slackRetriesSent = new AtomicInteger();
        final AtomicInteger busy503 = new AtomicInteger();
        final AtomicInteger slackGivenUp = new AtomicInteger();
        final Map<String, Boolean> commands = new ConcurrentHashMap<>();
        /** Teams: activity id -> the question, for each question the bot acknowledged (200) or failed (500) */
        final Map<String, String> teamsAccepted = new ConcurrentHashMap<>();
        final Map<String, String> teamsFailed = new ConcurrentHashMap<>();
        final Map<String, String> teamsFlood = new ConcurrentHashMap<>();
        /** Teams feedback: activity id -> helpful */
        final Map<String, Boolean> teamsFeedback = new ConcurrentHashMap<>();
        final AtomicInteger teamsBusy503 = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        final List<String> unexpectedWhat = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void thousandsOfMixedRequestsWithSlackAndTeamsFailingReconcileWithNothingLostOrDuplicated() throws Exception {
        List<String> questions = questions();
        PolicyBot reference = BotFactory.bundled();
        FakeSlack fake = new FakeSlack();
        ConnectorFaults connectorFaults = new ConnectorFaults();
        try (MockWebServer slack = new MockWebServer(); FakeMicrosoft microsoft = new FakeMicrosoft()) {
            slack.setDispatcher(fake);
            slack.start();
            microsoft.faults = connectorFaults;
            Path routingFile = routing(dir);
            Map<String, String> env = new HashMap<>();
            boolean postgres = "postgresql".equals(System.getProperty("soak.store", "sqlite"));
            StoreConfig storeConfig = postgres ? TestStore.POSTGRESQL.config(dir) : StoreConfig.sqlite(dir.resolve("data/policybot.db"));
            env.put("POLICYBOT_DB_URL", storeConfig.url());
            if (postgres) {
                env.put("POLICYBOT_DB_USER", storeConfig.user());
                env.put("POLICYBOT_DB_PASSWORD", storeConfig.password());
            }
            env.put("POLICYBOT_HOST", "127.0.0.1");
            env.put("POLICYBOT_OUTBOX_POLL", "PT0.5S");
            env.put("POLICYBOT_ROUTING", routingFile.toString());
            env.put("POLICYBOT_API_TOKEN", API_TOKEN);
            env.put("POLICYBOT_USER_RATE", "30");
            // every team has a Slack channel, the policy owner too: no weekly digest in the reconciliation of tickets
            env.put("POLICYBOT_DIGEST_SCHEDULE", "off");
            env.put("SLACK_BOT_TOKEN", "xoxb-soak");
            env.put("SLACK_SIGNING_SECRET", SECRET);
            env.put("SLACK_API_URL", slack.url("/api/").toString());
            microsoft.env(env);
            RoutingTable routing = RoutingTable.fromEnvironment(env);
            Escalations store = Escalations.open(storeConfig, routing, StoreSettings.of(env, routing), Clock.systemUTC());
            CompletableFuture<WebServer> started = new CompletableFuture<>();
            ServeCommand serve = new ServeCommand(() -> reference,
                    () -> ServerStore.services(env, reference, store, routing, Clock.systemUTC()), env,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
            WebServer server = started.get(120, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.port();
            int port = server.port();
            Sent sent = new Sent();
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(minutes);

            // ---- the load: four clients, a fixed mix, a seeded order -----------------------------------------
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            Random plan = new Random(seed);
            for (int i = 0; i < requests; i++) {
                final int n = i;
                final double kind = plan.nextDouble();
                final String q = questions.get(plan.nextInt(questions.size()));
                final String team = TEAMS.get(plan.nextInt(TEAMS.size()));
                final boolean retry = plan.nextDouble() < 0.05;
                work.add(clients.submit(() -> {
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    if (kind < 0.30) {
                        webAsk(base, sent, reference, q, "web-" + (n % 300), false);
                    } else if (kind < 0.32) {
                        // one person (or a stuck script) sending bursts: the flood guard's business
                        for (int k = 0; k < 4; k++) {
                            webAsk(base, sent, reference, q, "flood", true);
                        }
                    } else if (kind < 0.39) {
                        webFeedback(base, sent, reference, q, n);
                    } else if (kind < 0.45) {
                        webEscalation(base, sent, q, team, n);
                    } else if (kind < 0.62) {
                        slackMention(base, sent, reference, q, n, retry);
                    } else if (kind < 0.68) {
                        slackCommand(base, sent, reference, q, n, slack);
                    } else if (kind < 0.73) {
                        slackEscalation(base, sent, q, team, n);
                    } else if (kind < 0.87) {
                        teamsAsk(port, microsoft, sent, q, n);
                    } else if (kind < 0.89) {
                        // one Teams user's bursts, each message in a chat of its own (so none is read as a follow-up)
                        for (int k = 0; k < 4; k++) {
                            teamsFlood(port, microsoft, sent, q, n, k);
                        }
                    } else if (kind < 0.94) {
                        teamsFeedback(port, microsoft, sent, q, n);
                    } else {
                        teamsEscalation(port, microsoft, sent, q, team, n);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            clients.shutdown();
            long sentNanos = System.nanoTime() - t0;

            // ---- let the bot finish: Slack's answers, then the outbox ----------------------------------------
            waitFor(deadline, () -> answeredOrGivenUp(fake, sent) && store.outbox().counts().get(OutboxStatus.PENDING)
                    + store.outbox().counts().get(OutboxStatus.DELIVERING) == 0);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            server.stop();
            assertEquals(0, exit.get(60, TimeUnit.SECONDS));
            long totalNanos = System.nanoTime() - t0;

            // ---- the reconciliation --------------------------------------------------------------------------
            Report report = new Report();

            // Teams: what the bot did with each activity, from the fake Bot Connector's record (a reply
            // names the activity it answers); the core's answers and the feedback recorded are worked
            // out from it before the review queue and the answer counts are reconciled below
            Map<String, List<FakeMicrosoft.Call>> replies = new HashMap<>();
            synchronized (microsoft.calls) {
                for (FakeMicrosoft.Call c : microsoft.calls) {
                    Matcher m = REPLY.matcher(c.path());
                    if (m.matches()) {
                        replies.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(c);
                    }
                }
            }
            java.util.function.BiPredicate<String, String> tried = (id, marker) -> replies.getOrDefault(id, List.of())
                    .stream().anyMatch(c -> c.body().contains(marker));
            java.util.function.BiFunction<String, String, Long> succeeded = (id, marker) -> replies.getOrDefault(id, List.of())
                    .stream().filter(c -> c.ok() && c.body().contains(marker)).count();
            int teamsOnce = 0;
            int teamsTwice = 0;
            int teamsGivenUp = 0;
            int teamsUnanswered = 0;
            int teamsWrong = 0;
            int teamsCoreAnswered = 0;
            for (Map.Entry<String, String> e : sent.teamsAccepted.entrySet()) {
                long ok = succeeded.apply(e.getKey(), CARD);
                if (ok == 1) {
                    teamsOnce++;
                } else if (ok > 1) {
                    teamsTwice++;
                } else {
                    teamsUnanswered++;
                }
                if (tried.test(e.getKey(), CARD)) {
                    teamsCoreAnswered++;
                    expectReview(sent, reference.answer(Question.of(e.getValue())));
                }
            }
            for (Map.Entry<String, String> e : sent.teamsFailed.entrySet()) {
                // answered 500: the reply failed at the connector every time it was tried
                if (succeeded.apply(e.getKey(), CARD) == 0 && tried.test(e.getKey(), CARD)) {
                    teamsGivenUp++;
                } else {
                    teamsWrong++;
                }
                if (tried.test(e.getKey(), CARD)) {
                    teamsCoreAnswered++;
                    expectReview(sent, reference.answer(Question.of(e.getValue())));
                }
            }
            int teamsFloodAnswered = 0;
            int teamsFloodTold = 0;
            int teamsFloodSilent = 0;
            for (Map.Entry<String, String> e : sent.teamsFlood.entrySet()) {
                if (tried.test(e.getKey(), CARD)) {
                    teamsFloodAnswered++;
                    teamsCoreAnswered++;
                    expectReview(sent, reference.answer(Question.of(e.getValue())));
                } else if (tried.test(e.getKey(), "please slow down")) {
                    teamsFloodTold++;
                } else {
                    teamsFloodSilent++;
                }
            }
            int teamsFeedbackRecorded = 0;
            for (Map.Entry<String, Boolean> e : sent.teamsFeedback.entrySet()) {
                // the thanks is sent only once the feedback is committed
                if (tried.test(e.getKey(), "Thank you: recorded")) {
                    teamsFeedbackRecorded++;
                    if (!e.getValue()) {
                        sent.notHelpfulRecorded.incrementAndGet();
                    }
                }
            }
            List<Ticket> tickets = new ArrayList<>(store.tickets().list(null, null));
            Map<String, List<Ticket>> byRequester = new HashMap<>();
            for (Ticket t : tickets) {
                byRequester.computeIfAbsent(t.requester(), k -> new ArrayList<>()).add(t);
            }
            int escalationsMatched = 0;
            int escalationsDuplicated = 0;
            int escalationsLost = 0;
            int referenceWrong = 0;
            for (Map.Entry<String, String> e : sent.escalations.entrySet()) {
                List<Ticket> mine = byRequester.getOrDefault(e.getKey(), List.of());
                if (mine.isEmpty()) {
                    escalationsLost++;
                } else if (mine.size() > 1) {
                    escalationsDuplicated += mine.size() - 1;
                } else {
                    escalationsMatched++;
                    if (e.getValue() != null && !e.getValue().equals(mine.get(0).reference())) {
                        referenceWrong++;
                    }
                }
            }
            int ticketsWithoutRequest = tickets.size() - escalationsMatched - escalationsDuplicated;
            report.line("escalations: %d accepted (web %d, slack %d, teams %d; %d refused by the flood guard) -> %d tickets; "
                            + "exactly one each %d, duplicated %d, lost %d, told a wrong number %d, tickets nobody asked for %d",
                    sent.escalations.size(), sent.escalations.keySet().stream().filter(k -> k.contains("@")).count(),
                    sent.escalations.keySet().stream().filter(k -> !k.contains("@") && !k.startsWith("aad-")).count(),
                    sent.escalations.keySet().stream().filter(k -> k.startsWith("aad-")).count(), sent.escalationsRefused.get(),
                    tickets.size(), escalationsMatched, escalationsDuplicated, escalationsLost, referenceWrong,
                    ticketsWithoutRequest);
            report.lost += escalationsLost;
            report.duplicated += escalationsDuplicated + ticketsWithoutRequest;
            report.wrong += referenceWrong;

            // every ticket: one outbox item to its team's Slack channel, delivered, posted once
            Map<OutboxStatus, Integer> counts = store.outbox().counts();
            List<OutboxItem> items = new ArrayList<>();
            for (OutboxStatus s : OutboxStatus.values()) {
                items.addAll(store.outbox().list(s, 100_000));
            }
            int attempts = items.stream().mapToInt(OutboxItem::attempts).sum();
            Map<String, Integer> postsByReference = new HashMap<>();
            for (FakeSlack.Call c : fake.successful("chat.postMessage")) {
                if (c.form().getOrDefault("channel", "").startsWith("CSOAKTEAM")) {
                    Matcher m = Pattern.compile("\\*?(T-\\d+)").matcher(c.form().getOrDefault("text", ""));
                    if (m.find()) {
                        postsByReference.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
            // the ticket cards in the teams' Teams channels: a successful post names its ticket in the summary
            Map<String, Integer> cardsByReference = new HashMap<>();
            synchronized (microsoft.calls) {
                for (FakeMicrosoft.Call c : microsoft.calls) {
                    if (c.ok() && TEAM_CHANNEL_POST.matcher(c.path()).matches()) {
                        Matcher m = Pattern.compile("^(T-\\d+) for ").matcher(JSON.readTree(c.body()).path("summary").asText());
                        if (m.find()) {
                            cardsByReference.merge(m.group(1), 1, Integer::sum);
                        }
                    }
                }
            }
            int delivered = 0;
            int undelivered = 0;
            int postedTwice = 0;
            for (Ticket t : tickets) {
                int posts = postsByReference.getOrDefault(t.reference(), 0);
                int cards = cardsByReference.getOrDefault(t.reference(), 0);
                if (posts == 0 || cards == 0) {
                    undelivered++;
                } else {
                    delivered++;
                }
                if (posts > 1 || cards > 1) {
                    postedTwice++;
                }
            }
            report.line("deliveries: %d tickets -> %d outbox items (delivered %d, dead %d, pending %d; %d attempts for %d "
                            + "items); posted to the team's Slack channel and Teams channel %d, posted twice %d, never posted %d",
                    tickets.size(), items.size(), counts.get(OutboxStatus.DELIVERED), counts.get(OutboxStatus.DEAD),
                    counts.get(OutboxStatus.PENDING) + counts.get(OutboxStatus.DELIVERING), attempts, items.size(), delivered,
                    postedTwice, undelivered);
            report.lost += undelivered + counts.get(OutboxStatus.DEAD);
            report.duplicated += postedTwice;
            // every team has a Slack and a Teams channel: two deliveries a ticket
            if (items.size() != 2 * tickets.size()) {
                report.wrong += Math.abs(items.size() - 2 * tickets.size());
            }

            // the review queue: every no_answer / low-confidence question and every "not helpful"
            List<ReviewItem> review = store.review().list(null);
            int occurrences = review.stream().mapToInt(ReviewItem::occurrences).sum();
            int noAnswers = review.stream().mapToInt(ReviewItem::noAnswerCount).sum();
            int notHelpful = review.stream().mapToInt(ReviewItem::notHelpfulCount).sum();
            report.line("review queue: expected %d occurrences (%d no_answer, %d not helpful); stored %d (%d no_answer, %d "
                            + "not helpful) in %d wordings",
                    sent.expectedReview.get() + sent.notHelpfulRecorded.get(), sent.expectedNoAnswer.get(),
                    sent.notHelpfulRecorded.get(), occurrences, noAnswers, notHelpful, review.size());
            int reviewExpected = sent.expectedReview.get() + sent.notHelpfulRecorded.get();
            report.lost += Math.max(0, reviewExpected - occurrences);
            report.duplicated += Math.max(0, occurrences - reviewExpected);

            int feedbackRows = store.database().read(c -> {
                try (var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM feedback")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            int feedbackRecorded = sent.feedbackRecorded.get() + teamsFeedbackRecorded;
            report.line("feedback: %d sent (web %d, teams %d), %d recorded (web receipts %d, teams thanks %d) -> %d rows",
                    sent.feedbackSent.get() + sent.teamsFeedback.size(), sent.feedbackSent.get(), sent.teamsFeedback.size(),
                    feedbackRecorded, sent.feedbackRecorded.get(), teamsFeedbackRecorded, feedbackRows);
            report.lost += Math.max(0, feedbackRecorded - feedbackRows);
            report.duplicated += Math.max(0, feedbackRows - feedbackRecorded);

            // Slack's answers: each accepted mention answered in its thread once (or given up after Slack failed 3 times)
            Map<String, Integer> answersByThread = new HashMap<>();
            Map<String, Integer> failuresByThread = new HashMap<>();
            for (FakeSlack.Call c : fake.calls) {
                if (c.method().equals("chat.postMessage") && c.form().getOrDefault("channel", "").startsWith("CSOAKASK")) {
                    (c.ok() ? answersByThread : failuresByThread).merge(c.form().get("thread_ts"), 1, Integer::sum);
                }
            }
            int once = 0;
            int twice = 0;
            int givenUp = 0;
            int unanswered = 0;
            for (String thread : sent.mentions.keySet()) {
                int a = answersByThread.getOrDefault(thread, 0);
                if (a == 1) {
                    once++;
                } else if (a > 1) {
                    twice++;
                } else if (failuresByThread.getOrDefault(thread, 0) >= 3) {
                    givenUp++;
                } else {
                    unanswered++;
                }
            }
            report.line("slack mentions: %d accepted (%d of Slack's retries sent, none answered again; %d busy 503s retried), "
                            + "answered once %d, twice %d, given up after Slack failed 3 times %d, unanswered %d",
                    sent.mentions.size(), sent.slackRetriesSent.get(), sent.busy503.get(), once, twice, givenUp, unanswered);
            report.lost += unanswered;
            report.duplicated += twice;
            report.givenUp += givenUp;
            int commandsOnce = 0;
            int commandsGivenUp = 0;
            int commandsUnanswered = 0;
            for (String hook : sent.commands.keySet()) {
                long ok = fake.successful("response_url").stream().filter(c -> c.body().contains("\"response_type\"")
                        && hookOf(c).equals(hook)).count();
                long failed = fake.failed("response_url").stream().filter(c -> hookOf(c).equals(hook)).count();
                if (ok == 1) {
                    commandsOnce++;
                } else if (ok > 1) {
                    report.duplicated++;
                } else if (failed >= 2) {
                    commandsGivenUp++;
                } else {
                    commandsUnanswered++;
                }
            }
            report.line("slack commands: %d, answered once %d, given up after Slack failed twice %d, unanswered %d",
                    sent.commands.size(), commandsOnce, commandsGivenUp, commandsUnanswered);
            report.lost += commandsUnanswered;
            report.givenUp += commandsGivenUp;

            // the answer counts written by the graceful stop
            long counted = store.database().read(c -> {
                try (var s = c.createStatement(); var r = s.executeQuery("SELECT COALESCE(SUM(answers), 0) FROM answer_log")) {
                    r.next();
                    return r.getLong(1);
                }
            });
            report.line("teams questions: %d acknowledged (%d busy 503s sent again, as the Bot Framework does), answered once "
                            + "%d, twice %d, unanswered %d; %d answered 500 after the connector failed every try, %d of them "
                            + "wrongly", sent.teamsAccepted.size(), sent.teamsBusy503.get(), teamsOnce, teamsTwice, teamsUnanswered,
                    sent.teamsFailed.size(), teamsWrong);
            report.lost += teamsUnanswered;
            report.duplicated += teamsTwice;
            report.wrong += teamsWrong;
            report.givenUp += teamsGivenUp;
            long answered = sent.webAnswered.get() + sent.floodAnswered.get() + sent.mentions.size() + sent.commands.size()
                    + teamsCoreAnswered;
            report.line("answer counts: %d answered (web %d, slack %d, teams %d), %d counted", answered,
                    sent.webAnswered.get() + sent.floodAnswered.get(), sent.mentions.size() + sent.commands.size(),
                    teamsCoreAnswered, counted);
            report.lost += Math.max(0, answered - counted);
            report.duplicated += Math.max(0, counted - answered);

            report.line("flood guard: %d asked by one person, %d answered, %d told to slow down (429); others refused %d",
                    sent.floodAsked.get(), sent.floodAnswered.get(), sent.floodRefused.get(), sent.webRefused.get());
            report.line("teams flood guard: %d asked by one person, %d answered, %d told to slow down (once a minute), %d "
                            + "acknowledged without a word", sent.teamsFlood.size(), teamsFloodAnswered, teamsFloodTold,
                    teamsFloodSilent);
            report.line("slack work queue: %s refused (503, retried by the client as Slack does); teams turns: %s refused "
                            + "(503, sent again)", metric(metrics, "policybot_work_rejected_total{channel=\"slack\"}"),
                    metric(metrics, "policybot_work_rejected_total{channel=\"teams\"}"));
            report.line("unexpected responses: %d %s", sent.unexpected.get(),
                    sent.unexpectedWhat.subList(0, Math.min(5, sent.unexpectedWhat.size())));
            report.wrong += sent.unexpected.get();

            System.out.printf("%nSOAK (%s store, seed %d): %d requests sent in %.1f s (%.0f/s), reconciled after %.1f s; "
                            + "faults injected on Slack's Web API: %d of %d calls (500: %d, 429: %d); on the Bot Connector: %d "
                            + "of %d calls (500: %d, 429: %d, time-out: %d)%n", postgres ? "PostgreSQL"
                            : "SQLite", seed, requests, sentNanos / 1e9, requests / (sentNanos / 1e9), totalNanos / 1e9,
                    fake.injected500.get() + fake.injected429.get(), fake.calls.size(), fake.injected500.get(),
                    fake.injected429.get(), connectorFaults.total(), microsoft.calls.size(), connectorFaults.injected500.get(),
                    connectorFaults.injected429.get(), connectorFaults.injectedTimeouts.get());
            report.lines.forEach(l -> System.out.println("  " + l));
            System.out.printf("RECONCILED: %d lost, %d duplicated, %d wrong; %d answers given up after Slack or the Bot Connector kept failing "
                    + "(each logged)%n%n", report.lost, report.duplicated, report.wrong, report.givenUp);
            Files.writeString(Path.of("target", "soak-report.txt"), String.join("\n", report.lines) + "\nlost " + report.lost
                    + ", duplicated " + report.duplicated + ", wrong " + report.wrong + "\n");

            assertTrue(System.nanoTime() < deadline, "the soak ran past its " + minutes + " minutes");
            assertEquals(0, report.lost, "lost");
            assertEquals(0, report.duplicated, "duplicated");
            assertEquals(0, report.wrong, "wrong");
            assertTrue(tickets.size() > requests / 20, "enough escalations to mean something: " + tickets.size());
        }
    }

    static final class Report {
        final List<String> lines = new ArrayList<>();
        int lost;
        int duplicated;
        int wrong;
        int givenUp;

        void line(String format, Object... args) {
            lines.add(String.format(format, args));
        }
    }

    // ---- the clients ---------------------------------------------------------------------------------------

    private void expectReview(Sent sent, Answer answer) {
        if (ReviewQueue.reasonFor(answer, ReviewQueue.DEFAULT_LOW_CONFIDENCE).isPresent()) {
            sent.expectedReview.incrementAndGet();
            if (answer.kind() == policybot.bot.answer.AnswerKind.NO_ANSWER) {
                sent.expectedNoAnswer.incrementAndGet();
            }
        }
    }

    private void webAsk(String base, Sent sent, PolicyBot reference, String q, String user, boolean flood) throws Exception {
        (flood ? sent.floodAsked : sent.webAsked).incrementAndGet();
        ObjectNode body = JSON.createObjectNode();
        body.put("text", q);
        body.put("user", user);
        HttpResponse<String> r = post(base + "/api/ask", body.toString());
        if (r.statusCode() == 200) {
            (flood ? sent.floodAnswered : sent.webAnswered).incrementAndGet();
            expectReview(sent, reference.answer(Question.of(q)));
        } else if (r.statusCode() == 429) {
            (flood ? sent.floodRefused : sent.webRefused).incrementAndGet();
        } else {
            unexpected(sent, "ask " + r.statusCode() + " " + r.body());
        }
    }

    private void webFeedback(String base, Sent sent, PolicyBot reference, String q, int n) throws Exception {
        sent.feedbackSent.incrementAndGet();
        boolean helpful = n % 3 != 0;
        ObjectNode body = JSON.createObjectNode();
        body.put("question", q);
        body.put("helpful", helpful);
        body.put("comment", "soak feedback " + n);
        body.put("user", "fb-" + n);
        HttpResponse<String> r = post(base + "/api/feedback", body.toString());
        if (r.statusCode() == 201) {
            sent.feedbackRecorded.incrementAndGet();
            if (!helpful) {
                sent.notHelpfulRecorded.incrementAndGet();
            }
        } else {
            unexpected(sent, "feedback " + r.statusCode() + " " + r.body());
        }
    }

    private void webEscalation(String base, Sent sent, String q, String team, int n) throws Exception {
        String contact = "soak-" + n + "@example.ac.uk";
        ObjectNode body = JSON.createObjectNode();
        body.put("question", q);
        body.put("contact", contact);
        body.put("route", team);
        body.put("user", "esc-" + n);
        HttpResponse<String> r = post(base + "/api/escalations", body.toString());
        if (r.statusCode() == 201) {
            sent.escalations.put(contact, JSON.readTree(r.body()).path("reference").asText());
        } else if (r.statusCode() == 429) {
            sent.escalationsRefused.incrementAndGet();
        } else {
            unexpected(sent, "escalation " + r.statusCode() + " " + r.body());
        }
    }

    private void slackMention(String base, Sent sent, PolicyBot reference, String q, int n, boolean resend) throws Exception {
        String ts = "1700000000." + String.format("%06d", n);
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "x");
        root.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("type", "event_callback");
        root.put("event_id", "EvSoak" + n);
        root.put("event_time", 1700000000);
        ObjectNode e = root.putObject("event");
        e.put("type", "app_mention");
        e.put("user", "U" + (n % 200));
        e.put("text", "<@UBOT> " + q);
        e.put("ts", ts);
        e.put("channel", "CSOAKASK" + (n % 10));
        e.put("event_ts", ts);
        ObjectNode auth = root.putArray("authorizations").addObject();
        auth.put("team_id", "T1");
        auth.put("user_id", "UBOT");
        auth.put("is_bot", true);
        int status = slackAsSlackDoes(base, sent, "application/json", root.toString());
        if (status == 200) {
            sent.mentions.put(ts, true);
            // the core answers the mention as a fresh thread; the same words, the same answer
            expectReview(sent, reference.answer(Question.of(q)));
            if (resend) {
                sent.slackRetriesSent.incrementAndGet();
                int again = slack(base, "application/json", root.toString(), 1, "http_timeout");
                if (again != 200) {
                    unexpected(sent, "a retried event got " + again);
                }
            }
        }
    }

    private void slackCommand(String base, Sent sent, PolicyBot reference, String q, int n, MockWebServer slack)
            throws Exception {
        String hook = "cmd-" + n;
        String user = "UCMD" + n;
        String form = "token=x&team_id=T1&team_domain=soak&channel_id=CSOAKCMD&channel_name=general&user_id=" + user
                + "&user_name=p" + n + "&command=%2Faipolicy&text=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(slack.url("/hooks/" + hook).toString(), StandardCharsets.UTF_8)
                + "&trigger_id=trig-" + n;
        int status = slackAsSlackDoes(base, sent, "application/x-www-form-urlencoded", form);
        if (status == 200) {
            sent.commands.put(hook, true);
            // a person of its own each: no conversation before it, so the same answer as on its own
            expectReview(sent, reference.answer(Question.of(q)));
        }
    }

    private void slackEscalation(String base, Sent sent, String q, String team, int n) throws Exception {
        String user = "UESC" + n;
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "view_submission");
        root.putObject("team").put("id", "T1");
        ObjectNode u = root.putObject("user");
        u.put("id", user);
        u.put("username", "p" + n);
        u.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("token", "x");
        root.put("trigger_id", "trig-esc-" + n);
        ObjectNode v = root.putObject("view");
        v.put("id", "V" + n);
        v.put("team_id", "T1");
        v.put("type", "modal");
        v.put("callback_id", "policybot.escalate");
        v.put("private_metadata", "");
        v.put("hash", "h");
        v.putArray("blocks");
        ObjectNode values = v.putObject("state").putObject("values");
        ObjectNode select = values.putObject("team").putObject("team");
        select.put("type", "static_select");
        ObjectNode option = select.putObject("selected_option");
        option.putObject("text").put("type", "plain_text").put("text", team);
        option.put("value", team);
        values.putObject("question").putObject("question").put("type", "plain_text_input").put("value", q);
        values.putObject("details").putObject("details").put("type", "plain_text_input").putNull("value");
        String form = "payload=" + URLEncoder.encode(root.toString(), StandardCharsets.UTF_8);
        HttpResponse<String> r = slackResponse(base, "application/x-www-form-urlencoded", form, 0, null);
        if (r.statusCode() != 200) {
            unexpected(sent, "a form got " + r.statusCode());
            return;
        }
        JsonNode answer = JSON.readTree(r.body());
        String action = answer.path("response_action").asText();
        String shown = answer.path("view").toString();
        if ("errors".equals(action)) {
            if (shown.contains("slow down") || answer.path("errors").toString().contains("slow down")) {
                sent.escalationsRefused.incrementAndGet();
            } else {
                unexpected(sent, "a form was refused: " + r.body());
            }
            return;
        }
        Matcher m = REFERENCE.matcher(shown);
        // "Recording": the number follows in Slack; the ticket is matched by its requester either way
        sent.escalations.put(user, m.find() ? "T-" + m.group(1) : null);
    }

    // ---- Teams: activities with the Bot Framework's token, each person in a chat of their own ---------------

    private void teamsAsk(int port, FakeMicrosoft ms, Sent sent, String q, int n) throws Exception {
        String id = "tq-" + n;
        HttpResponse<String> r = teamsAsTheBotFrameworkDoes(port, ms, sent, ms.message(id, "tq" + n, q));
        if (r == null) {
            return;
        }
        switch (r.statusCode()) {
            case 200 -> sent.teamsAccepted.put(id, q);
            // the reply failed at the connector every time it was tried (checked against the fake's record)
            case 500 -> sent.teamsFailed.put(id, q);
            default -> unexpected(sent, "teams question " + r.statusCode() + " " + r.body());
        }
    }

    private void teamsFlood(int port, FakeMicrosoft ms, Sent sent, String q, int n, int k) throws Exception {
        String id = "tflood-" + n + "-" + k;
        ObjectNode a = ms.activity("message", id, "a:chat-tflood-" + n + "-" + k, "personal", "tflood");
        a.put("text", q).put("textFormat", "plain");
        HttpResponse<String> r = teamsAsTheBotFrameworkDoes(port, ms, sent, a);
        if (r != null && (r.statusCode() == 200 || r.statusCode() == 500)) {
            sent.teamsFlood.put(id, q);
        } else if (r != null) {
            unexpected(sent, "teams flood " + r.statusCode() + " " + r.body());
        }
    }

    /** Helpful / Not helpful on an answer card: a message activity with the card's data as its value. */
    private void teamsFeedback(int port, FakeMicrosoft ms, Sent sent, String q, int n) throws Exception {
        String id = "tf-" + n;
        boolean helpful = n % 3 != 0;
        ObjectNode a = ms.activity("message", id, "a:chat-tf" + n, "personal", "tf" + n);
        a.putObject("value").put("policybot", "feedback").put("helpful", helpful).put("q", q).put("qid", "tq-" + n);
        HttpResponse<String> r = teamsAsTheBotFrameworkDoes(port, ms, sent, a);
        if (r != null && (r.statusCode() == 200 || r.statusCode() == 500)) {
            sent.teamsFeedback.put(id, helpful);
        } else if (r != null) {
            unexpected(sent, "teams feedback " + r.statusCode() + " " + r.body());
        }
    }

    /** The Ask a specialist form's Send: the invoke's response is what the person reads in the dialog. */
    private void teamsEscalation(int port, FakeMicrosoft ms, Sent sent, String q, String team, int n) throws Exception {
        String who = "te" + n;
        HttpResponse<String> r = teamsAsTheBotFrameworkDoes(port, ms, sent, ms.specialistSubmit("te-" + n, who, team, q));
        if (r == null) {
            return;
        }
        if (r.statusCode() != 200) {
            unexpected(sent, "a Teams form got " + r.statusCode() + " " + r.body());
            return;
        }
        JsonNode task = JSON.readTree(r.body()).path("task");
        String said = task.path("value").asText("");
        Matcher m = Pattern.compile("as ticket (T-\\d+)").matcher(said);
        if ("message".equals(task.path("type").asText()) && m.find()) {
            sent.escalations.put("aad-" + who, m.group(1));
        } else if (said.contains("slow down")) {
            sent.escalationsRefused.incrementAndGet();
        } else {
            unexpected(sent, "a Teams form was refused: " + r.body());
        }
    }

    /** The Bot Framework's side: an activity the bot is too busy for (503) is sent again after a moment. */
    private static HttpResponse<String> teamsAsTheBotFrameworkDoes(int port, FakeMicrosoft ms, Sent sent, ObjectNode activity)
            throws Exception {
        for (int attempt = 0; attempt < 6; attempt++) {
            HttpResponse<String> r = ms.post(port, activity);
            if (r.statusCode() != 503) {
                return r;
            }
            sent.teamsBusy503.incrementAndGet();
            Thread.sleep(250L * (attempt + 1));
        }
        unexpected(sent, "the Bot Framework gave up on an activity: the bot was busy six times");
        return null;
    }

    /** Slack's side: a 503 (the bot's queue is full) is sent again, with X-Slack-Retry-Num, as Slack does. */
    private int slackAsSlackDoes(String base, Sent sent, String type, String body) throws Exception {
        for (int attempt = 0; attempt < 6; attempt++) {
            int status = slack(base, type, body, attempt, attempt == 0 ? null : "http_error");
            if (status != 503) {
                if (status != 200) {
                    unexpected(sent, "slack " + status);
                }
                return status;
            }
            sent.busy503.incrementAndGet();
            Thread.sleep(250L * (attempt + 1));
        }
        sent.slackGivenUp.incrementAndGet();
        unexpected(sent, "Slack gave up on an event: the bot was busy six times");
        return 503;
    }

    private int slack(String base, String type, String body, int retry, String reason) throws Exception {
        return slackResponse(base, type, body, retry, reason).statusCode();
    }

    private HttpResponse<String> slackResponse(String base, String type, String body, int retry, String reason)
            throws Exception {
        // Slack signs each delivery anew; the bot refuses a signature it has seen (a replay), so a
        // retry of the same body carries a later timestamp, as Slack's own retries (seconds apart) do
        long now = timestamps.merge(body, Instant.now().getEpochSecond(), (last, t) -> Math.max(last + 1, t));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/slack/events")).header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", Long.toString(now)).header("X-Slack-Signature", sign(now, body))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (retry > 0) {
            b.header("X-Slack-Retry-Num", Integer.toString(retry)).header("X-Slack-Retry-Reason", reason);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private final Map<String, Long> timestamps = new ConcurrentHashMap<>();

    private String sign(long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void unexpected(Sent sent, String what) {
        sent.unexpected.incrementAndGet();
        sent.unexpectedWhat.add(what.length() > 200 ? what.substring(0, 200) : what);
    }

    // ---- set-up and helpers ---------------------------------------------------------------------------------

    /** The dev set and the team's questions: every kind of answer, in staff's own words. */
    static List<String> questions() throws Exception {
        List<String> out = new ArrayList<>();
        for (String file : List.of("eval/dev.jsonl", "eval/team-questions.jsonl")) {
            try (var in = SoakTest.class.getClassLoader().getResourceAsStream(file);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line).path("text").asText());
                    }
                }
            }
        }
        return out;
    }

    /** The bundled routing table with a Slack channel and a Teams channel for every team. */
    static Path routing(Path dir) throws Exception {
        String yaml = new String(RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED).readAllBytes(),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^      email: (\\S+)$").matcher(yaml);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            ++n;
            m.appendReplacement(out, "      slack: CSOAKTEAM" + n + "\n      teams: \"19:soakteam" + n + "@thread.tacv2\"\n      email: $1");
        }
        m.appendTail(out);
        assertEquals(8, n);
        return Files.writeString(dir.resolve("routing.yaml"), out.toString());
    }

    private boolean answeredOrGivenUp(FakeSlack fake, Sent sent) {
        Map<String, Integer> ok = new HashMap<>();
        Map<String, Integer> failed = new HashMap<>();
        synchronized (fake.calls) {
            for (FakeSlack.Call c : fake.calls) {
                if (c.method().equals("chat.postMessage") && c.form().getOrDefault("channel", "").startsWith("CSOAKASK")) {
                    (c.ok() ? ok : failed).merge(c.form().get("thread_ts"), 1, Integer::sum);
                }
            }
        }
        for (String thread : sent.mentions.keySet()) {
            if (!ok.containsKey(thread) && failed.getOrDefault(thread, 0) < 3) {
                return false;
            }
        }
        return true;
    }

    private static void waitFor(long deadline, java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    private static String hookOf(FakeSlack.Call c) {
        return c.path().startsWith("/hooks/") ? c.path().substring("/hooks/".length()) : "";
    }

    private static String metric(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1))
                .findFirst().orElse("?");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
