package policybot.adapters.teams;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.WebChannel;
import policybot.adapters.web.WebMetrics;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.routing.RoutingTable;

/**
 * Microsoft Teams on the bot's one HTTP server: {@code POST /api/messages} for every activity
 * Teams sends, and {@link #delivery()} for the outbox ({@code teams:<channel>} and
 * {@code requester:teams}). Everything from the Bot Framework SDK stays in this package (see
 * docs/teams.md).
 */
public final class TeamsChannel implements WebChannel, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamsChannel.class);
    /**
     * The logger under which the SDK logs every refused token at WARN with the whole signing key
     * (the wrong logger's name, too): the server's logging holds it to ERROR, and this endpoint logs
     * one line with the reason instead.
     */
    public static final String SDK_KEY_LOGGER = "com.microsoft.bot.connector.authentication.CachingOpenIdMetadata";

    private final TeamsConfig config;
    private final PolicyBot bot;
    private final RoutingTable routing;
    private final Supplier<Escalations> store;
    private final OkHttpClient http;
    private final OpenIdKeys keys;
    private final BotTokenClient tokens;
    private final Connectors connectors;
    private final TeamsDelivery delivery;
    private final Clock clock;
    private final Turns turns;

    private TeamsChannel(TeamsConfig config, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store,
                         Clock clock, Duration minKeyRefresh, ConnectorRetry inTurnRetry, Turns turns) {
        this.config = config;
        this.clock = clock;
        this.turns = turns;
        this.bot = bot;
        this.routing = routing;
        this.store = store;
        // Our own calls (keys, tokens): short time-outs, no redirects (neither service redirects;
        // following one could send the secret elsewhere), no okhttp-level retries.
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        this.keys = new OpenIdKeys(http, config.openIdMetadataUrl(), clock, minKeyRefresh);
        this.tokens = new BotTokenClient(http, config.tokenUrl(), config.appId(), config.appPassword(), clock);
        this.connectors = new Connectors(new BotCredentials(config.appId(), tokens), inTurnRetry);
        this.delivery = new TeamsDelivery(connectors, config.serviceUrl(), config.appId());
    }

    /**
     * @param store the tickets, feedback and outbox, opened on first use; when it fails, feedback and
     *              tickets say that nothing was recorded
     */
    public static TeamsChannel create(TeamsConfig config, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store) {
        return new TeamsChannel(config, bot, routing, store, Clock.systemUTC(), OpenIdKeys.MIN_REFRESH_INTERVAL,
                ConnectorRetry.inTurn(), new Turns(Turns.DEFAULT_THREADS, Turns.DEFAULT_QUEUE));
    }

    /**
     * For tests: their clock for key refreshes, token expiry and slow-down notices, in-turn retries
     * with short waits, and a pool of turns of the size given.
     */
    static TeamsChannel create(TeamsConfig config, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store,
                               Clock clock, Duration minKeyRefresh, int turnThreads, int turnQueue) {
        return new TeamsChannel(config, bot, routing, store, clock, minKeyRefresh,
                new ConnectorRetry(2, Duration.ofMillis(10), Duration.ofMillis(50), d -> Thread.sleep(d.toMillis())),
                new Turns(turnThreads, turnQueue));
    }

    @Override
    public String name() {
        return PolicyTeamsBot.CHANNEL;
    }

    /** The Bot Framework posts to /api/messages with its own JWT: not the API token's business. */
    @Override
    public Set<String> apiPaths() {
        return Set.of(TeamsEndpoint.PATH);
    }

    @Override
    public void addRoutes(RoutesConfig routes, WebMetrics metrics) {
        PolicyTeamsBot teamsBot = new PolicyTeamsBot(q -> metrics.answer(bot, PolicyTeamsBot.CHANNEL, q), bot, routing,
                store, (user, place) -> metrics.admit(PolicyTeamsBot.CHANNEL, user, place), clock);
        TeamsEndpoint endpoint = new TeamsEndpoint(new BotFrameworkAuth(config.appId(), keys, config.openIdMetadataUrl()),
                new TeamsAdapter(config.appId(), connectors), teamsBot, turns);
        metrics.workQueue(name(), turns, pool -> ((Turns) pool).rejected());
        routes.post(TeamsEndpoint.PATH, endpoint::handle);
    }

    /** In the background: what the first activity would otherwise wait for. */
    @Override
    public void start() {
        Thread warm = new Thread(this::warmUp, "policybot-teams-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    @Override
    public void stop() {
        close();
    }

    /** The outbox's delivery for {@code teams:<channel conversation id>} and {@code requester:teams}. */
    public TeamsDelivery delivery() {
        return delivery;
    }

    public TeamsConfig config() {
        return config;
    }

    /**
     * The signing keys, the bot's token (a wrong secret or tenant shows in the log at start-up, not
     * at the first message), and the SDK's classes: about 2 s of the first turn on the 2-core machine.
     */
    private void warmUp() {
        keys.preload();
        try {
            tokens.token();
        } catch (BotTokenClient.TokenException e) {
            log.warn("Teams: no token for the Bot Connector yet ({}); replies will fail until this is fixed", e.getMessage());
        }
        try {
            Activity a = Serialization.treeToValue(Serialization.jsonToTree("{\"type\":\"message\",\"text\":\"warm-up\"}"),
                    Activity.class);
            Serialization.toStringSilent(MessageFactory.text(a.getText()));
        } catch (IOException | RuntimeException e) {
            log.debug("Teams warm-up: {}", e.toString());
        }
    }

    @Override
    public void close() {
        // after the server has stopped: no turn is waited for any more
        turns.shutdown();
        connectors.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
