package policybot.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a signed request seen before. A signature covers the timestamp and the body, so the
 * same signature twice is the same request sent twice: a replay (Slack's own retries are new
 * requests, signed afresh, and are told apart by event id elsewhere). Signatures are kept
 * for as long as their timestamp is accepted, and at most {@code capacity} of them.
 * In memory: each instance guards itself; a replay to another instance within five minutes is
 * stopped only by the event-id check there.
 */
final class ReplayGuard {
    private final Duration keep;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    ReplayGuard(Duration keep, int capacity, Clock clock) {
        this.keep = keep;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** True the first time a signature is offered; false for a repeat within the window. */
    synchronized boolean firstTime(String signature) {
        long now = clock.millis();
        var it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() > now - keep.toMillis() && seen.size() <= capacity) {
                break;
            }
            it.remove();
        }
        return seen.putIfAbsent(signature, now) == null;
    }
}
