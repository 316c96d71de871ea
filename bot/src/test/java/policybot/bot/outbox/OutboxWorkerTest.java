package policybot.bot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

class OutboxWorkerTest {
    private static final OutboxSettings SETTINGS = new OutboxSettings(4, Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(2), 10);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");

    /** A receiver that answers from a script, and remembers what it got. */
    private static final class Scripted implements Delivery {
        final List<DeliveryResult> script;
        final List<String> received = Collections.synchronizedList(new ArrayList<>());

        Scripted(DeliveryResult... script) {
            this.script = new ArrayList<>(List.of(script));
        }

        @Override
        public DeliveryResult deliver(OutboxItem item) {
            received.add(item.idempotencyKey());
            return script.isEmpty() ? DeliveryResult.delivered() : script.remove(0);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void deliversWhatWasEnqueued(TestStore kind) {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        String key = outbox.enqueue("webhook:desk", "{\"n\":1}");
        Scripted receiver = new Scripted();
        OutboxWorker worker = new OutboxWorker(db, receiver, SETTINGS, clock, "w1");

        assertEquals(1, worker.runOnce());
        assertEquals(List.of(key), receiver.received);
        OutboxItem item = outbox.list(OutboxStatus.DELIVERED, 10).get(0);
        assertEquals(1, item.attempts());
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), item.deliveredAt());
        assertEquals(0, worker.runOnce());
        assertEquals(1, receiver.received.size());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void retriesWithExponentialBackOffThenDeadLetters(TestStore kind) {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        outbox.enqueue("webhook:desk", "{}");
        Scripted receiver = new Scripted(DeliveryResult.retry("HTTP 503"), DeliveryResult.retry("HTTP 502"),
                DeliveryResult.retry("time-out"), DeliveryResult.retry("HTTP 500"));
        OutboxWorker worker = new OutboxWorker(db, receiver, SETTINGS, clock, "w1");

        assertEquals(1, worker.runOnce());
        OutboxItem after1 = outbox.list(OutboxStatus.PENDING, 1).get(0);
        assertEquals(1, after1.attempts());
        assertEquals("HTTP 503", after1.lastError());
        assertEquals(clock.instant().plusSeconds(10), after1.nextAttemptAt());

        // waits 10 s, then 20 s, then 40 s: not a moment before
        for (int[] step : new int[][] {{10, 2}, {20, 3}, {40, 4}}) {
            clock.advance(Duration.ofSeconds(step[0]).minusMillis(1));
            assertEquals(0, worker.runOnce(), "too early for attempt " + step[1]);
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, worker.runOnce(), "attempt " + step[1]);
        }
        assertEquals(4, receiver.received.size());
        OutboxItem dead = outbox.list(OutboxStatus.DEAD, 1).get(0);
        assertEquals(4, dead.attempts());
        assertEquals("gave up after 4 attempts: HTTP 500", dead.lastError());
        clock.advance(Duration.ofDays(1));
        assertEquals(0, worker.runOnce());

        // an operator retries the dead letter: it goes again, with a fresh count
        assertTrue(outbox.retry(dead.id()));
        assertFalse(outbox.retry(dead.id()));
        assertEquals(1, worker.runOnce());
        assertEquals(OutboxStatus.DELIVERED, outbox.find(dead.id()).orElseThrow().status());
        assertEquals(1, outbox.find(dead.id()).orElseThrow().attempts());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aRefusalOrAnUnknownDestinationIsDeadAtOnceAndAnExceptionIsRetried(TestStore kind) {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        outbox.enqueue("webhook:desk", "{\"bad\":true}");
        outbox.enqueue("pigeon:loft", "{}");
        outbox.enqueue("slack:#ig", "{}");
        AtomicInteger slackCalls = new AtomicInteger();
        Deliveries deliveries = new Deliveries(Map.of(
                "webhook", item -> DeliveryResult.rejected("HTTP 400: missing field"),
                "slack", item -> {
                    if (slackCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("socket closed");
                    }
                    return DeliveryResult.delivered();
                }));
        OutboxWorker worker = new OutboxWorker(db, deliveries, SETTINGS, clock, "w1");
        assertEquals(3, worker.runOnce());

        List<OutboxItem> dead = outbox.list(OutboxStatus.DEAD, 10);
        assertEquals(List.of("webhook:desk", "pigeon:loft"), dead.stream().map(OutboxItem::destination).toList());
        assertEquals("HTTP 400: missing field", dead.get(0).lastError());
        assertEquals("no delivery is configured for destinations of kind 'pigeon' (configured: slack, webhook)",
                dead.get(1).lastError());
        OutboxItem slack = outbox.list(OutboxStatus.PENDING, 10).get(0);
        assertEquals("IllegalStateException: socket closed", slack.lastError());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, worker.runOnce());
        assertEquals(Map.of(OutboxStatus.PENDING, 0, OutboxStatus.DELIVERING, 0, OutboxStatus.DELIVERED, 1,
                OutboxStatus.DEAD, 2), outbox.counts());
    }

    /** Stands for a process dying in the middle of a delivery: nothing after it runs. */
    private static final class Crash extends Error {
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anItemClaimedByAWorkerThatDiedIsDeliveredAfterItsLeaseRunsOut(TestStore kind) {
        StoreConfig config = kind.config(dir);
        Database first = Database.open(config);
        new Outbox(first, clock).enqueue("webhook:desk", "{}");
        OutboxWorker dying = new OutboxWorker(first, item -> {
            throw new Crash();
        }, SETTINGS, clock, "dying");
        assertThrows(Crash.class, dying::runOnce);

        // a restart: a new process, a new connection to the same store
        Database second = Database.open(config);
        Outbox outbox = new Outbox(second, clock);
        OutboxItem held = outbox.list(OutboxStatus.DELIVERING, 1).get(0);
        assertEquals(clock.instant().plus(SETTINGS.lease()), held.leaseUntil());
        Scripted receiver = new Scripted();
        OutboxWorker restarted = new OutboxWorker(second, receiver, SETTINGS, clock, "restarted");
        clock.advance(SETTINGS.lease().minusSeconds(1));
        assertEquals(0, restarted.runOnce(), "the lease still holds");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, restarted.runOnce());
        OutboxItem delivered = outbox.find(held.id()).orElseThrow();
        assertEquals(OutboxStatus.DELIVERED, delivered.status());
        assertEquals(2, delivered.attempts());
        assertNull(delivered.leaseUntil());
        assertEquals(List.of(held.idempotencyKey()), receiver.received);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anItemThatKeepsKillingItsWorkerEndsInTheDeadLetters(TestStore kind) {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        outbox.enqueue("webhook:desk", "{}");
        OutboxWorker dying = new OutboxWorker(db, item -> {
            throw new Crash();
        }, SETTINGS, clock, "dying");
        for (int i = 0; i < SETTINGS.maxAttempts(); i++) {
            assertThrows(Crash.class, dying::runOnce);
            clock.advance(SETTINGS.lease());
        }
        Scripted receiver = new Scripted();
        assertEquals(1, new OutboxWorker(db, receiver, SETTINGS, clock, "next").runOnce());
        assertEquals(List.of(), receiver.received);
        OutboxItem dead = outbox.list(OutboxStatus.DEAD, 1).get(0);
        assertTrue(dead.lastError().startsWith("no attempt finished within 4 attempts"), dead.lastError());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aLateOutcomeFromAWorkerWhoseLeaseRanOutIsNotRecorded(TestStore kind) throws Exception {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        outbox.enqueue("webhook:desk", "{}");
        CountDownLatch inDelivery = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutboxWorker slow = new OutboxWorker(db, item -> {
            inDelivery.countDown();
            await(release);
            return DeliveryResult.retry("time-out after the lease");
        }, SETTINGS, clock, "slow");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> slowRun = pool.submit(slow::runOnce);
        assertTrue(inDelivery.await(10, TimeUnit.SECONDS));
        clock.advance(SETTINGS.lease());
        Scripted receiver = new Scripted();
        assertEquals(1, new OutboxWorker(db, receiver, SETTINGS, clock, "fast").runOnce());
        release.countDown();
        assertEquals(1, slowRun.get(10, TimeUnit.SECONDS));
        pool.shutdown();
        OutboxItem item = outbox.list(OutboxStatus.DELIVERED, 1).get(0);
        assertNull(item.lastError(), "the slow worker's retry must not undo the delivery");
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void twoWorkersNeverDeliverTheSameItemAtOnce(TestStore kind) throws Exception {
        StoreConfig config = kind.config(dir);
        Database setup = Database.open(config);
        Outbox outbox = new Outbox(setup, clock);
        int items = 60;
        for (int i = 0; i < items; i++) {
            outbox.enqueue("webhook:desk", "{\"n\":" + i + "}");
        }
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, Set<String>> byWorker = new ConcurrentHashMap<>();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        OutboxSettings small = new OutboxSettings(4, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(2), 3);
        List<OutboxWorker> workers = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            workers.add(new OutboxWorker(Database.open(config), item -> {
                if (!inFlight.add(item.idempotencyKey())) {
                    overlaps.incrementAndGet();
                }
                deliveries.computeIfAbsent(item.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
                byWorker.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(item.idempotencyKey());
                sleep(2);
                inFlight.remove(item.idempotencyKey());
                return DeliveryResult.delivered();
            }, small, clock, name));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (OutboxWorker w : workers) {
            runs.add(pool.submit(() -> {
                start.await();
                return w.drain();
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : runs) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(items, total);
        assertEquals(items, deliveries.size());
        assertTrue(deliveries.values().stream().allMatch(n -> n.get() == 1), "each item once: " + deliveries);
        assertEquals(0, overlaps.get());
        Set<String> both = new HashSet<>(byWorker.getOrDefault("a", Set.of()));
        both.retainAll(byWorker.getOrDefault("b", Set.of()));
        assertEquals(Set.of(), both);
        if (kind == TestStore.POSTGRESQL) {
            // with SKIP LOCKED neither waits for the other: both get a share
            assertFalse(byWorker.getOrDefault("a", Set.of()).isEmpty());
            assertFalse(byWorker.getOrDefault("b", Set.of()).isEmpty());
        }
        assertEquals(items, outbox.counts().get(OutboxStatus.DELIVERED));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anIdempotencyKeyIsWrittenOnce(TestStore kind) {
        Database db = kind.open(dir);
        Outbox outbox = new Outbox(db, clock);
        boolean first = db.inTransaction(c -> outbox.enqueue(c, "webhook:desk", "ticket-1/event-1", "{\"v\":1}"));
        boolean second = db.inTransaction(c -> outbox.enqueue(c, "webhook:desk", "ticket-1/event-1", "{\"v\":2}"));
        assertTrue(first);
        assertFalse(second);
        List<OutboxItem> items = outbox.byKeyPrefix("ticket-1/");
        assertEquals(1, items.size());
        assertEquals("{\"v\":1}", items.get(0).payload());
        assertEquals(List.of(), outbox.byKeyPrefix("ticket_1"));
    }

    @Test
    void backOffDoublesUpToItsCeiling() {
        OutboxSettings s = new OutboxSettings(10, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(2), 1);
        List<Long> waits = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            waits.add(s.backoff(n).toSeconds());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), waits);
        assertEquals(Duration.ofMinutes(1), s.backoff(10_000));
        assertNotNull(OutboxSettings.DEFAULT);
        assertThrows(IllegalArgumentException.class,
                () -> new OutboxSettings(0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
