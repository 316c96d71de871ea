package policybot.bot.outbox;

import java.time.Duration;

/**
 * How hard the outbox tries.
 *
 * @param maxAttempts after this many attempts an item is dead-lettered
 * @param firstDelay  the wait after the first failed attempt; each further failure doubles it
 * @param maxDelay    the longest wait between attempts
 * @param lease       how long a claim lasts; an item claimed by a worker that died is taken again after it.
 *                    Must exceed the longest delivery (a webhook's call time-out)
 * @param batchSize   how many items one worker claims at a time
 */
public record OutboxSettings(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration lease, int batchSize) {
    public static final OutboxSettings DEFAULT = new OutboxSettings(10, Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofMinutes(2), 20);

    public OutboxSettings {
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxAttempts and batchSize must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay and a positive lease");
        }
    }

    /** The wait after the n-th failed attempt (n >= 1): firstDelay * 2^(n-1), at most maxDelay. No jitter: deterministic. */
    public Duration backoff(int failedAttempts) {
        long max = maxDelay.toMillis();
        long millis = firstDelay.toMillis();
        for (int i = 1; i < failedAttempts && millis < max; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max));
    }
}
