package policybot.adapters.slack;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that does the work after Slack has its acknowledgement. A full queue refuses
 * new work ({@link RejectedExecutionException}) rather than growing. Counts the work not yet
 * finished, exactly, so that a stop (and a test) can wait for it.
 */
final class Workers extends ThreadPoolExecutor {
    private final AtomicInteger unfinished = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();

    Workers(int threads, int queue) {
        super(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), new Named(),
                new ThreadPoolExecutor.AbortPolicy());
        allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        try {
            super.execute(() -> {
                try {
                    task.run();
                } finally {
                    unfinished.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            unfinished.decrementAndGet();
            rejected.incrementAndGet();
            throw e;
        }
    }

    /** How many hand-overs the full queue has refused since start (for /metrics). */
    long rejected() {
        return rejected.get();
    }

    /** Waits until nothing handed in is unfinished; false if that took longer than {@code within}. */
    boolean awaitIdle(Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (unfinished.get() > 0) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "slack-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
