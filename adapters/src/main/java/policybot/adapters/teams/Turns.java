package policybot.adapters.teams;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded pool Teams' turns run on. {@code /api/messages} answers inline (an invoke's response
 * is the HTTP response), so the request waits for its turn here: at most {@code threads} turns run
 * at once and {@code queue} wait, and past that an activity is refused at once ({@link
 * RejectedExecutionException}; the endpoint answers 503 with Retry-After) instead of every request
 * thread of the server piling up behind the Bot Connector. Its depth is on /metrics.
 */
final class Turns extends ThreadPoolExecutor {
    /** A turn mostly waits on the Bot Connector (a reply, an update), not on the CPU. */
    static final int DEFAULT_THREADS = 8;
    /** A few seconds of turns: the Bot Framework waits 15 s for an answer to an activity. */
    static final int DEFAULT_QUEUE = 100;

    private final AtomicLong rejected;

    Turns(int threads, int queue) {
        this(threads, queue, new AtomicLong());
    }

    private Turns(int threads, int queue, AtomicLong rejected) {
        super(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), new Named(), (r, pool) -> {
            rejected.incrementAndGet();
            throw new RejectedExecutionException("the Teams turns are busy");
        });
        this.rejected = rejected;
        allowCoreThreadTimeOut(true);
    }

    /** How many activities the full pool has refused since start (for /metrics). */
    long rejected() {
        return rejected.get();
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "teams-turn-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
