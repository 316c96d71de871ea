package policybot.adapters.teams;

import com.microsoft.bot.restclient.retry.RetryStrategy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Response;

/**
 * What the SDK's connector client does when the Bot Connector answers a reply sent during a turn
 * with a status Teams documents as transient (412, 429, 502, 503, 504): wait (its
 * {@code Retry-After}, else an exponential back-off with full jitter, capped) and try again, a few
 * times, within a small total budget so that the person still gets the answer well inside Teams'
 * 15 seconds. The SDK's default strategy retries 408 and 5xx at once, three times, without any
 * wait, and never 429.
 *
 * <p>Proactive posts (ticket cards, replies to requesters) use {@link #NONE}: the outbox retries
 * them with its own back-off, and a post retried inside the call would be counted as one attempt.
 */
final class ConnectorRetry extends RetryStrategy {
    static final Set<Integer> TRANSIENT = Set.of(412, 429, 502, 503, 504);
    static final ConnectorRetry NONE = new ConnectorRetry(0, Duration.ZERO, Duration.ZERO, d -> { });

    /** Waits (a seam for tests, which do not want to sleep). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int retries;
    private final Duration base;
    private final Duration maxWait;
    private final Sleeper sleeper;

    ConnectorRetry(int retries, Duration base, Duration maxWait, Sleeper sleeper) {
        super("policybot-connector", false);
        this.retries = retries;
        this.base = base;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /** Two retries, 250 ms base, at most 2 s a wait: at most about 4 s added to a turn. */
    static ConnectorRetry inTurn() {
        return new ConnectorRetry(2, Duration.ofMillis(250), Duration.ofSeconds(2), d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public boolean shouldRetry(int retryCount, Response response) {
        if (retryCount >= retries || !TRANSIENT.contains(response.code())) {
            return false;
        }
        try {
            sleeper.sleep(wait(retryCount, response.header("Retry-After")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Retry-After in seconds if the connector gave one (capped), else base * 2^n with full jitter. */
    Duration wait(int retryCount, String retryAfter) {
        if (retryAfter != null) {
            try {
                long seconds = Long.parseLong(retryAfter.strip());
                if (seconds >= 0) {
                    return min(Duration.ofSeconds(seconds), maxWait);
                }
            } catch (NumberFormatException httpDate) {
                // an HTTP date: fall back to the back-off
            }
        }
        long ceiling = min(base.multipliedBy(1L << Math.min(retryCount, 16)), maxWait).toMillis();
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
