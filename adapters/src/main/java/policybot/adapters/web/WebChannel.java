package policybot.adapters.web;

import io.javalin.config.RoutesConfig;
import java.util.Set;

/**
 * A chat channel this server also carries (Slack, Teams): it adds its own routes, which the
 * server's API token does not guard (each channel checks its platform's own signature or token),
 * and starts and stops with the server.
 */
public interface WebChannel {
    /** The channel's name, as in the metrics' {@code channel} label. */
    String name();

    /**
     * Its routes under {@code /api/} (Teams' {@code /api/messages}, where the Bot Framework posts):
     * the server's API token and per-address rate limit, which guard {@code /api/}, skip them.
     */
    default Set<String> apiPaths() {
        return Set.of();
    }

    /** Adds its routes; called once, while the server is configured. */
    void addRoutes(RoutesConfig routes, WebMetrics metrics);

    /** After the server listens: connect out, start workers. */
    default void start() {
    }

    /** When the server stops, after requests in flight have finished. */
    default void stop() {
    }
}
