package policybot.adapters.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.util.http.SlackHttpClient;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.WebChannel;
import policybot.adapters.web.WebMetrics;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.ClaimedKeys;

/**
 * Slack on the bot's one HTTP server: {@code POST /slack/events} takes the Events API,
 * interactivity and the {@code /aipolicy} command (or, with an app token, the same arrive over
 * Socket Mode). Every HTTP request's signature and timestamp are checked, and replays refused,
 * before anything else reads it; a message to the bot goes straight to {@link SlackHandlers}
 * ({@link SlackMessage}), everything else through Bolt's routing; the handlers acknowledge at once
 * and do the work on a bounded pool of threads.
 */
public final class SlackChannel implements WebChannel {
    private static final Logger log = LoggerFactory.getLogger(SlackChannel.class);
    public static final String PATH = "/slack/events";
    /** Interactivity payloads carry the whole message or view they came from; 512 KiB is ample. */
    static final int MAX_BODY = 512 * 1024;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final String NOT_FROM_SLACK = "{\"error\":\"this request is not signed by Slack, or is too old, or was sent before\"}";
    private static final String NOT_READABLE = "{\"error\":\"not a Slack request this app takes\"}";
    private static final String BUSY = "{\"error\":\"busy: send it again later\"}";
    private static final String UNHANDLED = "{\"error\":\"this request could not be handled\"}";
    private static final String UNREACHABLE = "{\"error\":\"Slack could not be reached from here\"}";

    private final SlackSettings settings;
    private final SlackSignature signature;
    private final ReplayGuard replays;
    private final PostMessage answers;
    private final Slack slack;
    private final App app;
    private final SlackRequestParser parser;
    private final Workers workers;
    private final SlackHandlers handlers;
    private volatile SocketModeApp socket;
    private volatile Thread connecting;
    private volatile boolean stopping;

    /**
     * @param store the tickets and review queue (opened on first use); may be null, and then
     *              feedback and escalations say that nothing could be recorded
     */
    public SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store,
                        Clock clock) {
        this(settings, bot, routing, store, clock, SlackCalls.standard());
    }

    /**
     * The same, for several instances: what must happen once (a request's signature, an event, a
     * thread the bot answered in) is also taken through {@code shared}, the store's keys, so that
     * a retry or a replay reaching another instance is not answered again there.
     */
    public SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store,
                        Clock clock, ClaimedKeys.Source shared) {
        this(settings, bot, routing, store, clock, SlackCalls.standard(), shared);
    }

    SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                 SlackCalls calls) {
        this(settings, bot, routing, store, clock, calls, null, READ_TIMEOUT);
    }

    /** @param shared the store's keys, or null: this instance's memory alone decides */
    SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                 SlackCalls calls, ClaimedKeys.Source shared) {
        this(settings, bot, routing, store, clock, calls, shared, READ_TIMEOUT);
    }

    /** With the Web API's read time-out (tests shorten it to see a time-out in a second, not ten). */
    SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                 SlackCalls calls, Duration readTimeout) {
        this(settings, bot, routing, store, clock, calls, null, readTimeout);
    }

    SlackChannel(SlackSettings settings, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                 SlackCalls calls, ClaimedKeys.Source shared, Duration readTimeout) {
        this.settings = settings;
        this.signature = new SlackSignature(settings.signingSecret(), clock);
        this.replays = new ReplayGuard(keys(shared, "slack.signature", SlackSignature.MAX_AGE.multipliedBy(2), 100_000,
                clock));
        SlackConfig slackConfig = slackConfig(settings, readTimeout);
        this.slack = Slack.getInstance(slackConfig);
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                // message_changed and the like, and events nobody listens for, are acknowledged, not retried by Slack
                .subtypedMessageEventsAutoAckEnabled(true)
                .allEventsApiAutoAckEnabled(true)
                // handle() has checked the signature, its age and replays before Bolt sees a request:
                // Bolt's own check would compute the same signature a second time for every event
                .requestVerificationEnabled(false)
                .build();
        this.app = new App(config);
        this.parser = new SlackRequestParser(app.config());
        this.workers = new Workers(settings.workers(), settings.queue());
        MethodsClient client = slack.methods(settings.botToken());
        // the SDK's own HTTP client settings (time-outs, proxy), built by the SDK
        this.answers = new PostMessage(settings, SlackHttpClient.buildOkHttpClient(slackConfig));
        this.handlers = new SlackHandlers(bot, routing, store, client, answers, slack, settings, workers, calls,
                keys(shared, "slack.event", Duration.ofHours(1), 50_000, clock),
                keys(shared, "slack.thread", Duration.ofDays(7), 50_000, clock));
        handlers.register(app);
    }

    /** This instance's keys in memory, checked first; then, if there is one, the store's. */
    private static ClaimedKeys keys(ClaimedKeys.Source shared, String space, Duration keep, int capacity, Clock clock) {
        ClaimedKeys local = new OnceOnly(keep, capacity, clock);
        return shared == null ? local : ClaimedKeys.sharedThenLocal(shared.keys(space, keep), local);
    }

    private static SlackConfig slackConfig(SlackSettings settings, Duration readTimeout) {
        SlackConfig c = new SlackConfig();
        c.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // Bounded calls: an outbox delivery must end well within its lease, a reply within a person's patience.
        c.setHttpClientReadTimeoutMillis((int) readTimeout.toMillis());
        c.setHttpClientWriteTimeoutMillis(10_000);
        c.setHttpClientCallTimeoutMillis((int) readTimeout.toMillis() + 5_000);
        c.setStatsEnabled(false);
        return c;
    }

    @Override
    public String name() {
        return "slack";
    }

    public SlackSettings.Mode mode() {
        return settings.mode();
    }

    /** In HTTP mode, {@code POST /slack/events}; in Socket Mode nothing (Slack sends nothing over HTTP then). */
    @Override
    public void addRoutes(RoutesConfig routes, WebMetrics metrics) {
        handlers.useMetrics(metrics);
        metrics.workQueue(name(), workers, pool -> ((Workers) pool).rejected());
        if (settings.mode() == SlackSettings.Mode.HTTP) {
            routes.post(PATH, this::handle);
        }
    }

    /** The outbox's delivery for {@code slack:<channel>} and {@code requester:slack} (see {@link SlackDelivery}). */
    public SlackDelivery delivery() {
        return new SlackDelivery(slack.methods(settings.botToken()));
    }

    @Override
    public void start() {
        if (settings.mode() != SlackSettings.Mode.SOCKET_MODE) {
            return;
        }
        // Connecting may fail (Slack unreachable, a bad app token): keep trying without holding up the server.
        Thread t = new Thread(this::connect, "slack-socket-mode");
        t.setDaemon(true);
        connecting = t;
        t.start();
    }

    private void connect() {
        long wait = 2_000;
        while (!stopping) {
            try {
                SocketModeApp s = new SocketModeApp(settings.appToken().orElseThrow(), app,
                        SocketModeClient.Backend.JavaWebSocket);
                s.startAsync();
                socket = s;
                log.info("Slack Socket Mode connected");
                return;
            } catch (Exception e) {
                log.error("Slack Socket Mode could not connect ({}); trying again in {} s", e.toString(), wait / 1000);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    return;
                }
                wait = Math.min(wait * 2, 60_000);
            }
        }
    }

    /** Whether Socket Mode has connected (for tests and readiness). */
    boolean socketConnected() {
        return socket != null;
    }

    @Override
    public void stop() {
        stopping = true;
        Thread t = connecting;
        if (t != null) {
            t.interrupt();
        }
        SocketModeApp s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("closing Slack Socket Mode failed: {}", e.toString());
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answers.close();
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("closing the Slack client: {}", e.toString());
        }
    }

    /** Verify (signature, age, replay), then hand the request to Bolt and return what it answers. */
    private void handle(Context ctx) throws Exception {
        byte[] body = readBody(ctx);
        if (body == null) {
            refuse(ctx, 413, "{\"error\":\"the request body is too large\"}");
            return;
        }
        String timestamp = ctx.header("X-Slack-Request-Timestamp");
        String sig = ctx.header("X-Slack-Signature");
        Optional<String> problem = signature.problem(timestamp, sig, body);
        if (problem.isEmpty() && !replays.firstTime(sig.strip())) {
            problem = Optional.of("a signature already used (a replay)");
        }
        if (problem.isPresent()) {
            // Never the body: it is not Slack's, and may hold anything.
            log.warn("refused a request to {} from {}: {}", PATH, ctx.req().getRemoteAddr(), problem.get());
            refuse(ctx, 401, NOT_FROM_SLACK);
            return;
        }
        Optional<SlackMessage> message;
        try {
            message = SlackMessage.read(body);
        } catch (IOException notJson) {
            // signed, but not JSON; never the body
            log.warn("refused a signed Slack request that could not be read: {}", notJson.getClass().getSimpleName());
            refuse(ctx, 400, NOT_READABLE);
            return;
        }
        if (message.isPresent()) {
            answer(ctx, message.get());
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : ctx.headerMap().keySet()) {
            headers.put(name.toLowerCase(Locale.ROOT), List.of(ctx.header(name)));
        }
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(PATH)
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(ctx.req().getRemoteAddr())
                    .build());
        } catch (RuntimeException malformed) {
            // signed, but not a payload Bolt can read (broken JSON, a field it needs missing); never the body
            log.warn("refused a signed Slack request that could not be read: {}", malformed.getClass().getSimpleName());
            request = null;
        }
        if (request == null) {
            refuse(ctx, 400, NOT_READABLE);
            return;
        }
        Request<?> read = request;
        respond(ctx, () -> app.run(read));
    }

    /**
     * A message to the bot, read here rather than by Bolt (see {@link SlackMessage#read}), and
     * answered as Bolt would have: Bolt's middleware checked the bot's token (auth.test) before any
     * event, so a bot that cannot learn its own user answers 503 for Slack to send it again.
     */
    private void answer(Context ctx, SlackMessage message) {
        if (!handlers.knowsItself()) {
            log.error("Slack request could not be handled (is Slack reachable, and SLACK_BOT_TOKEN valid?): auth.test failed");
            refuse(ctx, 503, UNREACHABLE);
            return;
        }
        respond(ctx, () -> SlackHandlers.guard(() -> handlers.answer(message)));
    }

    /** What handling a request gives: a listener's response, or what a failure means for Slack. */
    @FunctionalInterface
    private interface Handling {
        Response run() throws Exception;
    }

    private static void respond(Context ctx, Handling handling) {
        Response response;
        try {
            response = handling.run();
        } catch (SlackHandlers.Busy busy) {
            refuse(ctx, 503, BUSY);
            return;
        } catch (SlackHandlers.Unhandled e) {
            log.error("a Slack request could not be handled (a payload this app did not expect)", e.getCause());
            refuse(ctx, 400, UNHANDLED);
            return;
        } catch (Exception e) {
            if (causedBy(e, com.google.gson.JsonParseException.class)) {
                // Bolt reads the payload when it runs it: JSON it cannot read is the request's fault
                log.warn("refused a signed Slack request that could not be read: {}", e.getClass().getSimpleName());
                refuse(ctx, 400, NOT_READABLE);
                return;
            }
            // Bolt checks the bot token with auth.test before its first request: Slack unreachable,
            // or the token refused. 503 makes Slack send the request again later.
            log.error("Slack request could not be handled (is Slack reachable, and SLACK_BOT_TOKEN valid?): {}", e.toString());
            refuse(ctx, 503, UNREACHABLE);
            return;
        }
        write(ctx, response);
    }

    private static void refuse(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
    }

    private static void write(Context ctx, Response response) {
        ctx.status(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> v.forEach(value -> ctx.res().addHeader(k, value)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The body, or null when it is over {@link #MAX_BODY}. */
    private static byte[] readBody(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > MAX_BODY) {
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    /** For tests: the work handed to the workers has all finished. */
    boolean idle(Duration within) throws InterruptedException {
        return workers.awaitIdle(within);
    }
}
