package policybot.adapters.slack;

import java.time.Clock;
import java.time.Duration;
import policybot.bot.store.ClaimedKeys;

/**
 * Refuses a signed request seen before. A signature covers the timestamp and the body, so the
 * same signature twice is the same request sent twice: a replay (Slack's own retries are new
 * requests, signed afresh, and are told apart by event id elsewhere). Signatures are kept
 * for as long as their timestamp is accepted. Kept as claimed keys: in memory (each instance
 * guards itself, at most {@code capacity} signatures), or, with a store, on the store too, so that
 * a request replayed to another instance is refused there as well.
 */
final class ReplayGuard {
    private final ClaimedKeys seen;

    ReplayGuard(Duration keep, int capacity, Clock clock) {
        this(new OnceOnly(keep, capacity, clock));
    }

    ReplayGuard(ClaimedKeys seen) {
        this.seen = seen;
    }

    /** True the first time a signature is offered; false for a repeat within the window. */
    boolean firstTime(String signature) {
        return seen.take(signature);
    }
}
