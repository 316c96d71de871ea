package policybot.adapters.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who has been told to slow down lately: a person flooding a conversation is told once a minute,
 * not once per message (a reply per message would be a flood of its own towards the Bot Connector,
 * and in a channel everyone reads it). Bounded: the oldest are forgotten first.
 */
final class SlowDownNotices {
    static final Duration EVERY = Duration.ofMinutes(1);
    static final int CAPACITY = 10_000;

    private final Clock clock;
    private final Map<String, Long> told = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    SlowDownNotices(Clock clock) {
        this.clock = clock;
    }

    /** True if this person in this place should be told now (and remembers that they were). */
    synchronized boolean take(String who) {
        long now = clock.millis();
        Long last = told.get(who);
        if (last != null && now - last < EVERY.toMillis()) {
            return false;
        }
        // re-inserted, so that the map's order stays the order in which people were last told
        told.remove(who);
        told.put(who, now);
        return true;
    }
}
