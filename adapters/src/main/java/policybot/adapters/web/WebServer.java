package policybot.adapters.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.AnswerJson;

/**
 * The bot's one HTTP server: the try-it chat at {@code /}, the JSON API under {@code /api/}, and
 * the operations endpoints {@code /healthz}, {@code /readyz} and {@code /metrics}. The bot is built
 * once by the caller and shared by every request.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** No inline script or style anywhere: everything the page runs comes from this server's own files. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** Answered on every probe to check that the index is loaded and the answer path works. */
    static final String PROBE = "what does the policy cover?";
    static final long IDLE_ON_SHUTDOWN_MS = 100;

    private final WebConfig config;
    private final PolicyBot bot;
    private final WebMetrics metrics;
    private final WebServices services;
    private final Optional<BearerToken> apiToken;
    private final Optional<BearerToken> metricsToken;
    private final Optional<RateLimiter> rateLimiter;
    private final Assets assets;
    private final Javalin app;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public WebServer(WebConfig config, PolicyBot bot, WebServices services, WebMetrics metrics) {
        this.config = config;
        this.bot = bot;
        this.metrics = metrics;
        this.services = services;
        this.apiToken = config.apiToken().map(BearerToken::new);
        this.metricsToken = config.metricsToken().map(BearerToken::new);
        this.rateLimiter = config.rateLimit() > 0
                ? Optional.of(new RateLimiter(config.rateLimit(), System::nanoTime)) : Optional.empty();
        this.assets = Assets.load(bot.policy().metadata());
        services.storeMetrics().ifPresent(metrics::bindStore);
        metrics.listen(services.answers());
        metrics.channel(Endpoints.CHANNEL);
        Endpoints api = new Endpoints(bot, metrics, services, config.maxBodyBytes());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.generateEtags = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyServer(server -> {
                // Graceful stop: refuse new requests, let those in flight finish, within the timeout.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(config.shutdownTimeout().toMillis());
                server.setStopAtShutdown(false);
                server.setErrorHandler(new JsonErrorHandler());
            });
            c.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            // One line a request, without bodies or query strings (they can hold personal data).
            c.requestLogger.http((ctx, ms) -> log.info("{} {} {} {} ms", ctx.method(), ctx.path(), ctx.statusCode(),
                    Math.round(ms)));
            c.jetty.modifyServletContextHandler(context -> {
                org.eclipse.jetty.ee10.servlet.ErrorHandler errors = new org.eclipse.jetty.ee10.servlet.ErrorHandler();
                errors.setShowStacks(false);
                errors.setShowMessageInTitle(false);
                context.setErrorHandler(errors);
            });

            c.routes.before(this::securityHeaders);
            c.routes.before("/api/*", this::limitRate);
            c.routes.before("/api/*", this::requireApiToken);
            c.routes.before("/metrics", this::requireMetricsToken);

            c.routes.get("/", ctx -> assets.serve(ctx, "index.html"));
            c.routes.get("/chat.js", ctx -> assets.serve(ctx, "chat.js"));
            c.routes.get("/chat.css", ctx -> assets.serve(ctx, "chat.css"));
            c.routes.get("/favicon.svg", ctx -> assets.serve(ctx, "favicon.svg"));
            c.routes.get("/policy", ctx -> ctx.contentType("text/html; charset=utf-8").result(PolicyPage.render(bot.policy())));
            c.routes.post("/api/ask", api::ask);
            c.routes.post("/api/feedback", api::feedback);
            c.routes.post("/api/escalations", api::escalate);
            c.routes.get("/healthz", ctx -> Endpoints.json(ctx, 200, "{\"status\":\"ok\"}"));
            c.routes.get("/readyz", this::readiness);
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            services.admin().routes(c.routes);
            for (WebChannel channel : services.channels()) {
                metrics.channel(channel.name());
                channel.addRoutes(c.routes, metrics);
            }

            c.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.id(), e.getMessage()));
            c.routes.exception(NotAvailable.class, (e, ctx) -> error(ctx, 503, null, e.getMessage()));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> {
                switch (e.getStatus()) {
                    case 404 -> notFound(ctx);
                    case 405 -> notAllowed(ctx);
                    default -> error(ctx, e.getStatus(), null, e.getMessage());
                }
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, null, "the server could not handle this request (an internal error, logged)");
            });
            c.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    notFound(ctx);
                }
            });
            c.routes.error(405, ctx -> {
                if (ctx.result() == null) {
                    notAllowed(ctx);
                }
            });
        });
    }

    /** The server could not listen where it was told to; the message says what to change. */
    public static final class CannotListen extends RuntimeException {
        CannotListen(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @throws CannotListen when the address cannot be bound (the port is in use, say)
     */
    public WebServer start() {
        try {
            app.start();
        } catch (io.javalin.util.JavalinBindException e) {
            throw new CannotListen("cannot listen on " + config.host() + ":" + config.port()
                    + ": the port is in use; stop the other server, or choose another port with POLICYBOT_PORT or --port", e);
        }
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                // On stop, close idle keep-alive connections at once rather than after a second;
                // connections with a request in flight are waited for by the GracefulHandler.
                c.setShutdownIdleTimeout(IDLE_ON_SHUTDOWN_MS);
            }
        }
        log.info("listening on {}:{} (API {})", config.host(), port(),
                apiToken.isPresent() ? "needs a bearer token" : "open");
        services.background().start();
        services.channels().forEach(WebChannel::start);
        return this;
    }

    /** The port it listens on (the one picked, when configured with 0). */
    public int port() {
        return app.port();
    }

    /** Stops accepting, lets requests in flight finish (within the shutdown timeout), then stops. */
    public void stop() {
        try {
            app.stop();
        } finally {
            try {
                // after the requests in flight; the channels' own work (Slack's answers) before the store's
                try {
                    services.channels().forEach(WebChannel::stop);
                } finally {
                    services.background().close();
                }
            } finally {
                stopped.countDown();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    /** A channel's own route under /api/: it authenticates its requests, which come from the platform's few addresses. */
    private boolean channelPath(Context ctx) {
        return services.channels().stream().anyMatch(channel -> channel.apiPaths().contains(ctx.path()));
    }

    private void limitRate(Context ctx) {
        if (channelPath(ctx)) {
            return;
        }
        rateLimiter.ifPresent(limiter -> {
            long wait = limiter.take(ctx.req().getRemoteAddr());
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                throw new ApiError(429, null, "too many requests from your address (at most " + limiter.perMinute()
                        + " a minute): try again in " + wait + " s");
            }
        });
    }

    private void requireApiToken(Context ctx) {
        if (channelPath(ctx)) {
            return;
        }
        apiToken.ifPresent(token -> check(token, ctx, "this server needs an access token: send \"Authorization: Bearer <token>\""));
    }

    private void requireMetricsToken(Context ctx) {
        metricsToken.ifPresent(token -> check(token, ctx, "/metrics needs the metrics token: send \"Authorization: Bearer <token>\""));
    }

    private static void check(BearerToken token, Context ctx, String missing) {
        String header = ctx.header("Authorization");
        if (!token.accepts(header)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"policybot\"");
            throw new ApiError(401, null, BearerToken.presented(header) == null ? missing : "the access token is not valid");
        }
    }

    private void readiness(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("index", indexProblem().orElse("ok"));
        services.readiness().forEach((name, check) -> {
            String result;
            try {
                result = check.problem().orElse("ok");
            } catch (RuntimeException e) {
                log.warn("readiness check {} failed", name, e);
                result = "the check failed: " + e.getClass().getSimpleName();
            }
            checks.put(name, result);
        });
        boolean ready = checks.values().stream().allMatch("ok"::equals);
        var node = AnswerJson.mapper().createObjectNode();
        node.put("status", ready ? "ready" : "not ready");
        node.put("policy_version", bot.policy().version());
        node.put("clauses", bot.policy().clauses().size());
        var checked = node.putObject("checks");
        checks.forEach(checked::put);
        Endpoints.json(ctx, ready ? 200 : 503, node.toString());
    }

    private Optional<String> indexProblem() {
        if (bot.policy().clauses().isEmpty()) {
            return Optional.of("the policy has no clauses");
        }
        try {
            bot.answer(Question.of(PROBE));
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("the readiness probe question failed", e);
            return Optional.of("the answer path failed: " + e.getClass().getSimpleName());
        }
    }

    private void notFound(Context ctx) {
        error(ctx, 404, null, "there is nothing at " + ctx.path());
    }

    /** Every path takes one method: POST under /api/, /slack/ and for the console's actions, GET elsewhere. */
    private void notAllowed(Context ctx) {
        boolean post = ctx.path().startsWith("/api/") || ctx.path().startsWith("/slack/");
        ctx.header("Allow", post ? "POST" : services.admin().allowed(ctx.path()).orElse("GET"));
        error(ctx, 405, null, "this path does not take " + ctx.method() + " requests");
    }

    private void error(Context ctx, int status, String id, String message) {
        metrics.error(status);
        Endpoints.json(ctx, status, AnswerJson.error(id, message));
    }
}
