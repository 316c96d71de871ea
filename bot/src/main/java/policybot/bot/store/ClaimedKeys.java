package policybot.bot.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys taken once: the first to offer a key takes it, and until it expires anyone offering it
 * again is told it was taken. A channel uses it so that a thing delivered twice (a retried
 * event, a replayed request) is handled once. Kept in memory for one instance, or in the store
 * ({@link StoreClaimedKeys}) for every instance on it.
 */
public interface ClaimedKeys {
    /** True if none of the keys was taken (and takes them all); false if any was (and takes none). Nulls are skipped. */
    boolean take(String... keys);

    /** Gives keys back (their work could not be started), so that the next offer takes them. */
    void release(String... keys);

    /** Whether the key is taken and has not expired. */
    boolean has(String key);

    /** Makes a named set of keys, each kept for {@code keep} after it is taken. */
    @FunctionalInterface
    interface Source {
        ClaimedKeys keys(String space, Duration keep);
    }

    /**
     * Keys shared by every instance (the store), checked through this instance's own keys first,
     * which answer without a round trip for what this instance has seen. When the shared keys
     * cannot be reached (the store is down), the local answer stands and a warning is logged: the
     * channel keeps answering, at worst once more on another instance, rather than stopping.
     */
    static ClaimedKeys sharedThenLocal(ClaimedKeys shared, ClaimedKeys local) {
        return new ClaimedKeys() {
            private final Logger log = LoggerFactory.getLogger(ClaimedKeys.class);

            @Override
            public boolean take(String... keys) {
                if (!local.take(keys)) {
                    return false;
                }
                try {
                    return shared.take(keys);
                } catch (StoreException e) {
                    log.warn("the store could not say whether a key was taken before; deciding on this instance "
                            + "alone: {}", e.getMessage());
                    return true;
                }
            }

            @Override
            public void release(String... keys) {
                local.release(keys);
                try {
                    shared.release(keys);
                } catch (StoreException e) {
                    log.warn("the store could not give keys back (they expire on their own): {}", e.getMessage());
                }
            }

            @Override
            public boolean has(String key) {
                if (local.has(key)) {
                    return true;
                }
                try {
                    return shared.has(key);
                } catch (StoreException e) {
                    log.warn("the store could not say whether a key is taken; deciding on this instance alone: {}",
                            e.getMessage());
                    return false;
                }
            }
        };
    }
}
