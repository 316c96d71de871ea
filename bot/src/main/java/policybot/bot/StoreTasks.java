package policybot.bot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.activity.AnswerLog;
import policybot.bot.escalation.SweepReport;
import policybot.bot.escalation.TicketService;
import policybot.bot.outbox.OutboxWorker;

/**
 * What a long-running process does with the store on a timer: deliver the outbox, sweep the
 * tickets (re-post the unclaimed, close the long-answered), and add the day's answer counts to
 * the answer log. One scheduled executor with two threads, so a slow delivery does not hold up
 * the sweep; {@link #close()} stops it, waits for a round in progress, and flushes the counts.
 */
public final class StoreTasks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreTasks.class);

    /**
     * How often each task runs.
     *
     * @param outbox    how often the outbox is polled for due deliveries
     * @param sweep     how often the tickets are swept
     * @param answerLog how often the answer counts are written
     */
    public record Intervals(Duration outbox, Duration sweep, Duration answerLog) {
        public static final Intervals DEFAULT = new Intervals(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofSeconds(30));

        public Intervals {
            for (Duration d : new Duration[] {outbox, sweep, answerLog}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("task intervals must be positive");
                }
            }
        }
    }

    private final OutboxWorker outbox;
    private final TicketService tickets;
    private final AnswerLog answers;
    private final Intervals intervals;
    private ScheduledExecutorService executor;

    public StoreTasks(OutboxWorker outbox, TicketService tickets, AnswerLog answers, Intervals intervals) {
        this.outbox = outbox;
        this.tickets = tickets;
        this.answers = answers;
        this.intervals = intervals;
    }

    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("the store's tasks are already running");
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "store-tasks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        every(intervals.outbox(), "deliver the outbox", outbox::drain);
        every(intervals.sweep(), "sweep the tickets", () -> {
            SweepReport r = tickets.sweep();
            if (!r.reposted().isEmpty() || !r.autoClosed().isEmpty()) {
                log.info("ticket sweep: re-posted {}, closed {}", r.reposted(), r.autoClosed());
            }
        });
        every(intervals.answerLog(), "write the answer counts", answers::flush);
        log.info("store tasks: outbox every {}, sweep every {}, answer counts every {}", intervals.outbox(),
                intervals.sweep(), intervals.answerLog());
    }

    private void every(Duration interval, String what, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("could not {}; trying again in {}", what, interval, e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the timer, lets a round in progress finish (within 15 s), then writes the last answer counts. */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("a store task did not finish within 15 s of the stop; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        try {
            answers.flush();
        } catch (RuntimeException e) {
            log.error("could not write the last answer counts", e);
        }
    }
}
