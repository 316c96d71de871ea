package policybot.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers what has been taken on, so that a thing delivered twice is handled once: an event
 * Slack retries (same {@code event_id}, {@code X-Slack-Retry-Num} set) and a message that arrives
 * both as an {@code app_mention} and as a {@code message} event. Bounded and expiring; in memory,
 * so with several instances a retry that reaches another instance is answered again (the store
 * should decide then: see docs/slack.md).
 */
final class OnceOnly {
    private final Duration keep;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Long> taken = new LinkedHashMap<>();

    OnceOnly(Duration keep, int capacity, Clock clock) {
        this.keep = keep;
        this.capacity = capacity;
        this.clock = clock;
    }

    static OnceOnly standard() {
        return new OnceOnly(Duration.ofHours(1), 50_000, Clock.systemUTC());
    }

    /** True if no key was taken before (and takes them all); false if any was. Null keys are skipped. */
    synchronized boolean take(String... keys) {
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
    synchronized void release(String... keys) {
        for (String k : keys) {
            if (k != null) {
                taken.remove(k);
            }
        }
    }

    synchronized boolean has(String key) {
        Long at = taken.get(key);
        return at != null && at > clock.millis() - keep.toMillis();
    }
}
