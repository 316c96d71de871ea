package policybot.adapters.web.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** At most {@link #FAILURES} failed sign-ins a minute from one address: guessing a password or token takes forever. */
final class LoginLimiter {
    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean allow(String address) {
        Deque<Instant> f = failures.get(address);
        if (f == null) {
            return true;
        }
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && f.peekFirst().isBefore(cutoff)) {
            f.removeFirst();
        }
        if (f.isEmpty()) {
            failures.remove(address);
            return true;
        }
        return f.size() < FAILURES;
    }

    synchronized void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
            failures.remove(failures.keySet().iterator().next());
        }
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(clock.instant());
    }
}
