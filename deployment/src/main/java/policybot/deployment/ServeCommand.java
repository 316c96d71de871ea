package policybot.deployment;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import policybot.adapters.web.ChannelEndpoint;
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
        description = {"Run the HTTP server: the try-it chat at /, the JSON API at /api/ask, "
                + "and /healthz, /readyz and /metrics.",
                "Configured by environment variables: POLICYBOT_PORT (3978), POLICYBOT_HOST (0.0.0.0), "
                        + "POLICYBOT_API_TOKEN, POLICYBOT_METRICS_TOKEN, POLICYBOT_MAX_BODY_BYTES, POLICYBOT_SHUTDOWN_SECONDS, "
                        + "POLICYBOT_RATE_LIMIT (see docs/web.md).",
                "Microsoft Teams at POST /api/messages when MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD are set "
                        + "(and MICROSOFT_APP_TENANT_ID for a single-tenant bot; see docs/teams.md)."})
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
    private final Supplier<List<ChannelEndpoint.Factory>> channels;

    public ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services) {
        this(bot, services, List::of);
    }

    /**
     * @param channels chat platforms' webhooks to serve as well (Teams), read when the command runs;
     *                 a bad setting is an IllegalArgumentException naming it
     */
    public ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services,
                        Supplier<List<ChannelEndpoint.Factory>> channels) {
        this(bot, services, System.getenv(), System.out, server -> { }, channels);
    }

    ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services, Map<String, String> environment,
                 PrintStream out, Consumer<WebServer> started) {
        this(bot, services, environment, out, started, List::of);
    }

    ServeCommand(Supplier<PolicyBot> bot, Supplier<WebServices> services, Map<String, String> environment,
                 PrintStream out, Consumer<WebServer> started, Supplier<List<ChannelEndpoint.Factory>> channels) {
        this.bot = bot;
        this.services = services;
        this.environment = environment;
        this.out = out;
        this.started = started;
        this.channels = channels;
    }

    @Override
    public Integer call() throws InterruptedException {
        WebConfig config;
        List<ChannelEndpoint.Factory> channelFactories;
        try {
            channelFactories = channels.get();
            config = WebConfig.fromEnvironment(environment);
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
        PolicyBot policyBot = bot.get();
        log.info("the bot is ready in {} ms (policy v{}, {} clauses)", (System.nanoTime() - t0) / 1_000_000,
                policyBot.policy().version(), policyBot.policy().clauses().size());
        WebMetrics metrics = new WebMetrics();
        WebServer server;
        try {
            server = new WebServer(config, policyBot, services.get(), metrics, channelFactories).start();
        } catch (WebServer.CannotListen e) {
            System.err.println("policybot serve: " + e.getMessage());
            metrics.close();
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
