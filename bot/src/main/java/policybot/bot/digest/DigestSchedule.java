package policybot.bot.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.store.Database;

/**
 * Puts the weekly digest in the outbox for the policy owner's destinations, once an ISO week.
 *
 * <p>Each destination's item is keyed {@code digest/<week>/<destination>}, and the outbox writes a
 * key once ({@code ON CONFLICT DO NOTHING} on its unique key): so however many instances share the
 * store, however often they restart, and whether the digest is sent by the timer or by hand, a
 * week's digest is queued once. The timer only ever looks at the current week: a process that was
 * down at the scheduled time sends that week's digest when it starts later in the week, and never
 * the weeks it missed (an old digest is news nobody needs).
 */
public final class DigestSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);
    /** The team the digest is for: the contract's key of the policy owner. */
    public static final String TEAM = "policy-owner";
    /** How often a running server looks whether the digest is due. */
    public static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    /** What one look at the schedule came to. */
    public sealed interface Outcome {
        /** This call queued the week's digest for these destinations. */
        record Queued(String week, List<String> destinations) implements Outcome {
        }

        /** The week's digest was already queued (by this or another instance, on time or by hand). */
        record AlreadyQueued(String week) implements Outcome {
        }

        /** Not yet: the week's digest is due at {@code due}. */
        record NotYet(String week, Instant due) implements Outcome {
        }

        /** The schedule is off. */
        record Off() implements Outcome {
        }

        /** The policy owner has no Slack, Teams or webhook destination in the routing table. */
        record NoDestination(String week) implements Outcome {
        }
    }

    private final Database db;
    private final Outbox outbox;
    private final WeeklyDigests digests;
    private final TeamDestinations destinations;
    private final Clock clock;
    /** The last week this process saw queued: saves making a digest every minute for the rest of the week. */
    private volatile String queuedWeek;
    private volatile boolean toldNoDestination;
    private ScheduledExecutorService timer;

    public DigestSchedule(Database db, Outbox outbox, WeeklyDigests digests, TeamDestinations destinations, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.digests = digests;
        this.destinations = destinations;
        this.clock = clock;
    }

    /** What makes the digest (for a preview). */
    public WeeklyDigests digests() {
        return digests;
    }

    /** On the timer: queues this week's digest if it is due and not queued yet. */
    public Outcome runOnce() {
        DigestSettings settings = digests.settings();
        if (!settings.enabled()) {
            return new Outcome.Off();
        }
        Instant now = clock.instant();
        DigestWeek week = DigestWeek.of(now, settings);
        if (!week.dueAt(now)) {
            return new Outcome.NotYet(week.label(), week.scheduled().toInstant());
        }
        if (week.label().equals(queuedWeek)) {
            return new Outcome.AlreadyQueued(week.label());
        }
        return queue(now, week);
    }

    /** By hand ({@code policybot digest --send-now}): queues this week's digest now, unless it is queued already. */
    public Outcome sendNow() {
        Instant now = clock.instant();
        return queue(now, DigestWeek.of(now, digests.settings()));
    }

    private Outcome queue(Instant now, DigestWeek week) {
        List<String> to = destinations.of(TEAM);
        if (to.isEmpty()) {
            if (!toldNoDestination) {
                toldNoDestination = true;
                log.info("the weekly digest is not sent: the routing table gives the {} team no Slack, Teams or webhook "
                        + "destination", TEAM);
            }
            return new Outcome.NoDestination(week.label());
        }
        String prefix = "digest/" + week.label() + "/";
        Set<String> already = outbox.byKeyPrefix(prefix).stream().map(OutboxItem::idempotencyKey)
                .collect(Collectors.toSet());
        if (to.stream().allMatch(d -> already.contains(prefix + d))) {
            queuedWeek = week.label();
            return new Outcome.AlreadyQueued(week.label());
        }
        String payload = DigestPayload.write(digests.make(now));
        // one transaction: the digest goes to all of the team's destinations, or (if the store fails) to none yet
        List<String> written = db.inTransaction(c -> {
            List<String> w = new ArrayList<>();
            for (String d : to) {
                if (outbox.enqueue(c, d, prefix + d, payload)) {
                    w.add(d);
                }
            }
            return w;
        });
        queuedWeek = week.label();
        if (written.isEmpty()) {
            return new Outcome.AlreadyQueued(week.label());
        }
        log.info("weekly digest {} queued for {}", week.label(), String.join(", ", written));
        return new Outcome.Queued(week.label(), written);
    }

    /** Looks at the schedule now and then every {@code every}, on a thread of its own, until closed. */
    public synchronized void start(Duration every) {
        if (timer != null) {
            throw new IllegalStateException("the digest schedule is already running");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "policybot-digest");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("could not look whether the weekly digest is due; trying again in {}", every, e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("weekly digest: {} to the {} team's destinations", digests.settings().describe(), TEAM);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
