package policybot.deployment;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import policybot.adapters.web.QuestionLimits;
import policybot.adapters.web.WebConfig;
import policybot.adapters.web.WebMetrics;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.PolicyBot;

/**
 * {@code policybot serve} (and the jar with no arguments): builds the bot once, then runs the HTTP
 * server until the process is told to stop, finishing the requests in flight first.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP server: the try-it chat at /, the JSON API at /api/ask, the review console at /admin, "
                + "and /healthz, /readyz and /metrics.",
                "Configured by environment variables: POLICYBOT_PORT (3978), POLICYBOT_HOST (0.0.0.0), "
                        + "POLICYBOT_API_TOKEN, POLICYBOT_METRICS_TOKEN, POLICYBOT_MAX_BODY_BYTES, POLICYBOT_SHUTDOWN_SECONDS, "
                        + "POLICYBOT_RATE_LIMIT, POLICYBOT_USER_RATE, POLICYBOT_CHANNEL_RATE, POLICYBOT_DB_URL, POLICYBOT_ROUTING, POLICYBOT_ADMIN_TOKEN, POLICYBOT_ADMIN_USERS, "
                        + "POLICYBOT_WEBHOOK_SECRET, POLICYBOT_OUTBOX_POLL, POLICYBOT_TICKET_SWEEP_EVERY (see docs/web.md).",
                "The weekly digest goes to the policy-owner team's destinations on POLICYBOT_DIGEST_SCHEDULE (MON 09:00; off) "
                        + "in POLICYBOT_DIGEST_ZONE (Europe/London), linking to POLICYBOT_PUBLIC_URL/admin (see docs/escalation.md).",
                "Slack: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET turn on POST /slack/events; SLACK_APP_TOKEN as well "
                        + "uses Socket Mode instead (see docs/slack.md).",
                "Microsoft Teams: MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TENANT_ID for a "
                        + "single-tenant bot) turn on POST /api/messages (see docs/teams.md)."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: POLICYBOT_PORT, else 3978; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: POLICYBOT_HOST, else 0.0.0.0).")
    String host;

    private final Supplier<PolicyBot> bot;
    private final Supplier<WebServices> services;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final Consumer<WebServer> started;

    public ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services) {
        this(bot, services, System.getenv(), System.out, server -> { });
    }

    ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services, Map<String, String> environment,
                 PrintStream out, Consumer<WebServer> started) {
        this.bot = bot;
        this.services = services;
        this.environment = environment;
        this.out = out;
        this.started = started;
    }

    @Override
    public Integer call() throws InterruptedException {
        WebConfig config;
        QuestionLimits limits;
        try {
            config = WebConfig.fromEnvironment(environment);
            limits = QuestionLimits.fromEnvironment(environment);
            if (host != null) {
                config = config.withHost(host);
            }
            if (port != null) {
                config = config.withPort(port);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("policybot serve: " + e.getMessage());
            return 2;
        }
        long t0 = System.nanoTime();
        PolicyBot policyBot;
        WebServices webServices;
        try {
            policyBot = bot.get();
            log.info("the bot is ready in {} ms (policy v{}, {} clauses)", (System.nanoTime() - t0) / 1_000_000,
                    policyBot.policy().version(), policyBot.policy().clauses().size());
            webServices = services.get();
        } catch (IllegalArgumentException e) {
            // a bad setting or routing file: the message names it
            System.err.println("policybot serve: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            log.error("cannot start", e);
            System.err.println("policybot serve: cannot start: " + e.getMessage());
            return 1;
        }
        WebMetrics metrics = new WebMetrics();
        metrics.limit(limits);
        WebServer server;
        try {
            server = new WebServer(config, policyBot, webServices, metrics).start();
        } catch (WebServer.CannotListen e) {
            System.err.println("policybot serve: " + e.getMessage());
            metrics.close();
            webServices.background().close();
            return 1;
        }
        Thread hook = new Thread(() -> {
            log.info("stopping: finishing requests in flight");
            server.stop();
            metrics.close();
        }, "policybot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String shown = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
        out.println("PolicyBot is ready: open http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":"
                + server.port() + "/ (stop with Ctrl+C)");
        out.flush();
        started.accept(server);
        server.awaitStop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            metrics.close();
        } catch (IllegalStateException shuttingDown) {
            // The hook is what stopped the server; it closes the metrics itself.
        }
        return 0;
    }
}
