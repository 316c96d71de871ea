package policybot.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import policybot.bot.store.ClaimedKeys;

/**
 * Remembers what has been taken on, so that a thing delivered twice is handled once: an event
 * Slack retries (same {@code event_id}, {@code X-Slack-Retry-Num} set) and a message that arrives
 * both as an {@code app_mention} and as a {@code message} event. Bounded and expiring; in memory,
 * so it speaks for this instance only: with a store, {@link SlackChannel} checks the store's
 * keys through it ({@link ClaimedKeys#sharedThenLocal}), so that every instance takes an event once.
 */
final class OnceOnly implements ClaimedKeys {
    private final Duration keep;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Long> taken = new LinkedHashMap<>();

    OnceOnly(Duration keep, int capacity, Clock clock) {
        this.keep = keep;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** True if no key was taken before (and takes them all); false if any was. Null keys are skipped. */
    @Override
    public synchronized boolean take(String... keys) {
        long now = clock.millis();
        var it = taken.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() > now - keep.toMillis() && taken.size() <= capacity) {
                break;
            }
            it.remove();
        }
        for (String k : keys) {
            if (k != null && taken.containsKey(k)) {
                return false;
            }
        }
        for (String k : keys) {
            if (k != null) {
                taken.put(k, now);
            }
        }
        return true;
    }

    /** Forgets keys taken for work that could not be started, so that Slack's retry is handled. */
    @Override
    public synchronized void release(String... keys) {
        for (String k : keys) {
            if (k != null) {
                taken.remove(k);
            }
        }
    }

    @Override
    public synchronized boolean has(String key) {
        Long at = taken.get(key);
        return at != null && at > clock.millis() - keep.toMillis();
    }
}
