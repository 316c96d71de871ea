package policybot.bot.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.digest.DigestSchedule.Outcome;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

/**
 * When the digest is queued: once an ISO week at or after the scheduled time, by however many
 * schedulers and restarts, late after downtime but never for a missed week, never when off.
 */
class DigestScheduleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> OWNER = List.of("slack:CPOLICY01", "webhook:https://desk.example.ac.uk/hook");
    /** The policy owner has a Slack channel and a webhook; nobody else matters here. */
    static final TeamDestinations DESTINATIONS = key -> key.equals("policy-owner") ? OWNER : List.of("slack:COTHER01");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:59:59Z");

    private DigestSchedule schedule(Database db, DigestSettings settings, TeamDestinations destinations) {
        return new DigestSchedule(db, new Outbox(db, clock),
                new WeeklyDigests(db, RoutingTable.bundled(), () -> "1.2", settings, clock), destinations, clock);
    }

    private DigestSchedule schedule(Database db) {
        return schedule(db, DigestSettings.DEFAULT, DESTINATIONS);
    }

    private void at(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    private static List<OutboxItem> items(Database db) {
        List<OutboxItem> all = new ArrayList<>();
        for (OutboxStatus s : OutboxStatus.values()) {
            all.addAll(new Outbox(db, java.time.Clock.systemUTC()).list(s, 1000));
        }
        all.sort(java.util.Comparator.comparingLong(OutboxItem::id));
        return all;
    }

    private static List<String> keys(Database db) {
        return items(db).stream().map(OutboxItem::idempotencyKey).toList();
    }

    private static JsonNode digestOf(OutboxItem item) throws Exception {
        return JSON.readTree(item.payload()).path("digest");
    }

    @Test
    void nothingBeforeTheTimeOneItemPerDestinationAtItAndNoMoreThatWeek() throws Exception {
        Database db = TestStore.SQLITE.open(dir);
        DigestSchedule schedule = schedule(db);

        assertEquals(new Outcome.NotYet("2026-W48", Instant.parse("2026-11-23T09:00:00Z")), schedule.runOnce());
        assertEquals(List.of(), keys(db));

        at("2026-11-23T09:00:00Z");
        assertEquals(new Outcome.Queued("2026-W48", OWNER), schedule.runOnce());
        List<OutboxItem> queued = items(db);
        assertEquals(List.of("digest/2026-W48/slack:CPOLICY01", "digest/2026-W48/webhook:https://desk.example.ac.uk/hook"),
                keys(db));
        assertEquals(OWNER, queued.stream().map(OutboxItem::destination).toList());
        assertEquals(queued.get(0).payload(), queued.get(1).payload(), "the same digest to every destination");
        assertEquals("digest.weekly", JSON.readTree(queued.get(0).payload()).path("event").asText());
        assertEquals("2026-W48", digestOf(queued.get(0)).path("week").asText());

        // later the same week: the same scheduler, a restarted one, another instance
        at("2026-11-23T09:01:00Z");
        assertEquals(new Outcome.AlreadyQueued("2026-W48"), schedule.runOnce());
        at("2026-11-26T15:00:00Z");
        assertEquals(new Outcome.AlreadyQueued("2026-W48"), schedule(db).runOnce());
        assertEquals(new Outcome.AlreadyQueued("2026-W48"), schedule(db).sendNow());
        assertEquals(2, keys(db).size());

        // the week after: one more, covering the week since the last
        at("2026-11-30T08:00:00Z");
        assertInstanceOf(Outcome.NotYet.class, schedule.runOnce());
        at("2026-11-30T09:00:30Z");
        assertEquals(new Outcome.Queued("2026-W49", OWNER), schedule.runOnce());
        List<OutboxItem> all = items(db);
        assertEquals(4, all.size());
        JsonNode second = digestOf(all.get(2));
        assertEquals("2026-W49", second.path("week").asText());
        assertEquals("2026-11-23T09:00:00Z", second.path("from").asText());
        assertEquals("2026-11-30T09:00:00Z", second.path("until").asText());
    }

    @Test
    void afterDowntimeTheWeeksDigestIsSentLateButAMissedWeekNever() throws Exception {
        Database db = TestStore.SQLITE.open(dir);
        // down from before Monday 09:00 until Wednesday afternoon
        at("2026-11-25T14:00:00Z");
        assertEquals(new Outcome.Queued("2026-W48", OWNER), schedule(db).runOnce());
        JsonNode late = digestOf(items(db).get(0));
        assertEquals("2026-11-23T09:00:00Z", late.path("until").asText(), "the week it was due for, not to Wednesday");
        assertEquals("2026-11-25T14:00:00Z", late.path("made_at").asText());

        // down all of week 49: starting on Monday of week 50 before 09:00 sends nothing, then only week 50's
        at("2026-12-07T08:30:00Z");
        DigestSchedule restarted = schedule(db);
        assertEquals(new Outcome.NotYet("2026-W50", Instant.parse("2026-12-07T09:00:00Z")), restarted.runOnce());
        at("2026-12-07T09:00:00Z");
        assertEquals(new Outcome.Queued("2026-W50", OWNER), restarted.runOnce());
        assertEquals(List.of("digest/2026-W48/slack:CPOLICY01", "digest/2026-W48/webhook:https://desk.example.ac.uk/hook",
                "digest/2026-W50/slack:CPOLICY01", "digest/2026-W50/webhook:https://desk.example.ac.uk/hook"), keys(db));
    }

    @Test
    void offSendsNothingOnTheTimerButSendNowStillSendsOnceAWeek() {
        Database db = TestStore.SQLITE.open(dir);
        DigestSchedule off = schedule(db, DigestSettings.DEFAULT.withSchedule("off"), DESTINATIONS);
        at("2026-11-24T10:00:00Z");
        assertEquals(new Outcome.Off(), off.runOnce());
        assertEquals(List.of(), keys(db));
        assertEquals(new Outcome.Queued("2026-W48", OWNER), off.sendNow());
        assertEquals(new Outcome.AlreadyQueued("2026-W48"), off.sendNow());
        assertEquals(2, keys(db).size());
    }

    @Test
    void sentByHandBeforeTheTimeTheTimerAddsNothingThatWeek() throws Exception {
        Database db = TestStore.SQLITE.open(dir);
        at("2026-11-23T08:00:00Z");
        DigestSchedule schedule = schedule(db);
        assertEquals(new Outcome.Queued("2026-W48", OWNER), schedule.sendNow());
        assertEquals("2026-11-23T08:00:00Z", digestOf(items(db).get(0)).path("until").asText(), "up to when it was sent");
        at("2026-11-23T09:00:00Z");
        assertEquals(new Outcome.AlreadyQueued("2026-W48"), schedule(db).runOnce());
        assertEquals(2, keys(db).size());
    }

    @Test
    void aDestinationAddedMidWeekGetsTheDigestTheOthersDoNotGetItAgain() {
        Database db = TestStore.SQLITE.open(dir);
        at("2026-11-23T09:00:00Z");
        schedule(db, DigestSettings.DEFAULT, key -> OWNER.subList(0, 1)).runOnce();
        assertEquals(new Outcome.Queued("2026-W48", OWNER.subList(1, 2)), schedule(db).runOnce());
        assertEquals(2, keys(db).size());
    }

    @Test
    void withoutADestinationNothingIsQueued() {
        Database db = TestStore.SQLITE.open(dir);
        at("2026-11-23T09:00:00Z");
        // the bundled routing table gives the policy owner only an e-mail address, which is shown, not sent
        DigestSchedule schedule = schedule(db, DigestSettings.DEFAULT, TeamDestinations.from(RoutingTable.bundled()));
        assertEquals(new Outcome.NoDestination("2026-W48"), schedule.runOnce());
        assertEquals(List.of(), keys(db));
    }

    @Test
    void theTimerLooksAtOnceWhenStarted() throws Exception {
        Database db = TestStore.SQLITE.open(dir);
        at("2026-11-24T10:00:00Z");
        try (DigestSchedule schedule = schedule(db)) {
            schedule.start(Duration.ofHours(1));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (keys(db).size() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(2, keys(db).size(), "caught up at start, not an hour later");
            assertThrows(IllegalStateException.class, () -> schedule.start(Duration.ofHours(1)));
        }
    }

    @Test
    void twoSchedulersOnOnePostgresqlRacingQueueEachWeekOnce() throws Exception {
        StoreConfig config = TestStore.POSTGRESQL.config(dir);
        Database first = Database.open(config);
        Database second = Database.open(config);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            DigestSchedule a = schedule(first);
            DigestSchedule b = schedule(second);
            at("2026-11-23T09:00:00Z");
            for (int week = 0; week < 5; week++) {
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Outcome> runA = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return a.runOnce();
                };
                Callable<Outcome> runB = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return b.runOnce();
                };
                Future<Outcome> fa = pool.submit(runA);
                Future<Outcome> fb = pool.submit(runB);
                List<Outcome> outcomes = List.of(fa.get(30, TimeUnit.SECONDS), fb.get(30, TimeUnit.SECONDS));
                String label = DigestWeek.of(clock.instant(), DigestSettings.DEFAULT).label();
                assertEquals(1, outcomes.stream().filter(o -> o instanceof Outcome.Queued).count(), label + ": " + outcomes);
                assertTrue(outcomes.contains(new Outcome.Queued(label, OWNER)), outcomes.toString());
                assertTrue(outcomes.contains(new Outcome.AlreadyQueued(label)), outcomes.toString());
                clock.advance(Duration.ofDays(7));
            }
            List<String> keys = keys(first);
            assertEquals(10, keys.size(), keys.toString());
            assertEquals(10, keys.stream().distinct().count());
            Map<String, Long> perWeek = new java.util.TreeMap<>();
            keys.forEach(k -> perWeek.merge(k.split("/")[1], 1L, Long::sum));
            assertEquals(Map.of("2026-W48", 2L, "2026-W49", 2L, "2026-W50", 2L, "2026-W51", 2L, "2026-W52", 2L), perWeek);
        } finally {
            pool.shutdownNow();
        }
    }
}
