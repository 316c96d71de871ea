package policybot.adapters.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the HTTP server is set up. Read from the environment by the deployment, built directly by
 * tests (which bind 127.0.0.1 on an ephemeral port).
 *
 * @param host            the address to bind (0.0.0.0: every interface, as a container needs)
 * @param port            the port to listen on; 0 picks a free one
 * @param apiToken        when present, every /api/ request must carry it as a bearer token
 * @param metricsToken    when present, /metrics needs it as a bearer token
 * @param maxBodyBytes    the largest request body taken; larger ones get 413
 * @param shutdownTimeout how long a stop waits for requests in flight to finish
 * @param rateLimit       API requests a minute allowed from one client address; 0: no limit
 */
public record WebConfig(String host, int port, Optional<String> apiToken, Optional<String> metricsToken,
                        int maxBodyBytes, Duration shutdownTimeout, int rateLimit) {
    public static final int DEFAULT_PORT = 3978;
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** A question is at most 4000 characters; 16 KB leaves room for its JSON and escapes. */
    public static final int DEFAULT_MAX_BODY = 16 * 1024;
    public static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(20);

    public WebConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the bind address is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0..65535, not " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, not " + maxBodyBytes);
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("the rate limit cannot be negative, not " + rateLimit);
        }
        apiToken = apiToken.filter(t -> !t.isBlank());
        metricsToken = metricsToken.filter(t -> !t.isBlank());
    }

    /** Loopback on a free port, no tokens: what tests start. */
    public static WebConfig local() {
        return new WebConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(), DEFAULT_MAX_BODY, DEFAULT_SHUTDOWN, 0);
    }

    /**
     * From {@code POLICYBOT_PORT}, {@code POLICYBOT_HOST}, {@code POLICYBOT_API_TOKEN},
     * {@code POLICYBOT_METRICS_TOKEN}, {@code POLICYBOT_MAX_BODY_BYTES},
     * {@code POLICYBOT_SHUTDOWN_SECONDS} and {@code POLICYBOT_RATE_LIMIT}; unset means the default.
     */
    public static WebConfig fromEnvironment(Map<String, String> env) {
        return new WebConfig(
                env.getOrDefault("POLICYBOT_HOST", DEFAULT_HOST),
                number(env, "POLICYBOT_PORT", DEFAULT_PORT),
                Optional.ofNullable(env.get("POLICYBOT_API_TOKEN")),
                Optional.ofNullable(env.get("POLICYBOT_METRICS_TOKEN")),
                number(env, "POLICYBOT_MAX_BODY_BYTES", DEFAULT_MAX_BODY),
                Duration.ofSeconds(number(env, "POLICYBOT_SHUTDOWN_SECONDS", (int) DEFAULT_SHUTDOWN.toSeconds())),
                number(env, "POLICYBOT_RATE_LIMIT", 0));
    }

    public WebConfig withHost(String newHost) {
        return new WebConfig(newHost, port, apiToken, metricsToken, maxBodyBytes, shutdownTimeout, rateLimit);
    }

    public WebConfig withPort(int newPort) {
        return new WebConfig(host, newPort, apiToken, metricsToken, maxBodyBytes, shutdownTimeout, rateLimit);
    }

    public WebConfig withApiToken(String token) {
        return new WebConfig(host, port, Optional.ofNullable(token), metricsToken, maxBodyBytes, shutdownTimeout, rateLimit);
    }

    public WebConfig withMetricsToken(String token) {
        return new WebConfig(host, port, apiToken, Optional.ofNullable(token), maxBodyBytes, shutdownTimeout, rateLimit);
    }

    public WebConfig withShutdownTimeout(Duration timeout) {
        return new WebConfig(host, port, apiToken, metricsToken, maxBodyBytes, timeout, rateLimit);
    }

    public WebConfig withRateLimit(int perMinute) {
        return new WebConfig(host, port, apiToken, metricsToken, maxBodyBytes, shutdownTimeout, perMinute);
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }
}
