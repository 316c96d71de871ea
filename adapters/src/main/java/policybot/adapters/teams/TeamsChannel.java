package policybot.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.ChannelEndpoint;
import policybot.bot.Escalations;
import policybot.bot.routing.RoutingTable;

/**
 * Microsoft Teams, put together: {@link #endpoint()} for the server ({@code POST /api/messages})
 * and {@link #delivery()} for the outbox ({@code teams:<channel>} and {@code requester:teams}).
 * Everything from the Bot Framework SDK stays in this package (see docs/teams.md).
 */
public final class TeamsChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamsChannel.class);
    private final TeamsConfig config;
    private final RoutingTable routing;
    private final Supplier<Escalations> store;
    private final OkHttpClient http;
    private final OpenIdKeys keys;
    private final BotTokenClient tokens;
    private final Connectors connectors;
    private final TeamsDelivery delivery;

    private TeamsChannel(TeamsConfig config, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                         Duration minKeyRefresh, ConnectorRetry inTurnRetry) {
        this.config = config;
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

    public static TeamsChannel create(TeamsConfig config, RoutingTable routing, Supplier<Escalations> store) {
        return new TeamsChannel(config, routing, store, Clock.systemUTC(), OpenIdKeys.MIN_REFRESH_INTERVAL,
                ConnectorRetry.inTurn());
    }

    /** For tests: their clock for key refreshes, and in-turn retries that do not sleep. */
    static TeamsChannel create(TeamsConfig config, RoutingTable routing, Supplier<Escalations> store, Clock clock,
                               Duration minKeyRefresh) {
        return new TeamsChannel(config, routing, store, clock, minKeyRefresh,
                new ConnectorRetry(2, Duration.ofMillis(10), Duration.ofMillis(50), d -> Thread.sleep(d.toMillis())));
    }

    /** {@code POST /api/messages}, built when the server has built the bot. */
    public ChannelEndpoint.Factory endpoint() {
        return (bot, metrics) -> {
            metrics.channel(PolicyTeamsBot.CHANNEL);
            Thread warm = new Thread(this::warmUp, "policybot-teams-warm-up");
            warm.setDaemon(true);
            warm.start();
            PolicyTeamsBot teamsBot = new PolicyTeamsBot(q -> metrics.answer(bot, PolicyTeamsBot.CHANNEL, q), bot, routing,
                    store);
            return new TeamsEndpoint(new BotFrameworkAuth(config.appId(), keys, config.openIdMetadataUrl()),
                    new TeamsAdapter(config.appId(), connectors), teamsBot, this);
        };
    }

    /**
     * What the first activity would otherwise wait for (about 2 s on the 2-core machine): the
     * signing keys, the bot's token (a wrong secret or tenant shows in the log at start-up, not at
     * the first message), and loading the SDK's classes.
     */
    private void warmUp() {
        keys.preload();
        try {
            tokens.token();
        } catch (BotTokenClient.TokenException e) {
            log.warn("Teams: no token for the Bot Connector yet ({}); replies will fail until this is fixed", e.getMessage());
        }
        try {
            com.microsoft.bot.schema.Activity a = com.microsoft.bot.schema.Serialization.treeToValue(
                    com.microsoft.bot.schema.Serialization.jsonToTree("{\"type\":\"message\",\"text\":\"warm-up\"}"),
                    com.microsoft.bot.schema.Activity.class);
            com.microsoft.bot.schema.Serialization.toStringSilent(com.microsoft.bot.builder.MessageFactory.text(a.getText()));
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("Teams warm-up: {}", e.toString());
        }
    }

    /** The outbox's delivery for {@code teams:<channel conversation id>} and {@code requester:teams}. */
    public TeamsDelivery delivery() {
        return delivery;
    }

    public TeamsConfig config() {
        return config;
    }

    @Override
    public void close() {
        connectors.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
