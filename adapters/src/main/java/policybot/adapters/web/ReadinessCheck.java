package policybot.adapters.web;

import java.util.Optional;

/**
 * One thing {@code /readyz} checks before the server is said to be ready for traffic (the policy
 * index answers; the store is reachable). Called on every probe, so it must be quick.
 */
@FunctionalInterface
public interface ReadinessCheck {
    /** Empty when ready, else why not, in a few words. */
    Optional<String> problem();
}
