package policybot.adapters.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets something happen at most once an interval, across threads: a log line about a flood that
 * refuses hundreds of requests a second says so once every few seconds, not once per request.
 */
public final class AtMostEvery {
    private final long intervalNanos;
    /** When it last happened; far enough in the past at first that the first call is let through. */
    private final AtomicLong last;

    public AtMostEvery(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** Whether it may happen now; if so, the interval starts again. */
    public boolean now() {
        long now = System.nanoTime();
        long before = last.get();
        return now - before >= intervalNanos && last.compareAndSet(before, now);
    }
}
