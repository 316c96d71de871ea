package policybot.adapters.web;

import io.javalin.http.Context;
import policybot.bot.PolicyBot;

/**
 * A chat platform's webhook on the one server (Teams' {@code POST /api/messages}). It
 * authenticates its own requests (a Bot Framework JWT, a Slack signature), so the API token and the
 * per-address rate limit of {@code /api/} do not apply to its path.
 */
public interface ChannelEndpoint extends AutoCloseable {
    /** The path it takes POST requests on, e.g. {@code /api/messages}. */
    String path();

    void handle(Context ctx) throws Exception;

    /** Releases what it holds (HTTP clients); called when the server stops. */
    @Override
    default void close() {
    }

    /** Builds the endpoint once the server has built the bot and its metrics. */
    @FunctionalInterface
    interface Factory {
        ChannelEndpoint create(PolicyBot bot, WebMetrics metrics);
    }
}
