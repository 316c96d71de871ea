package policybot.bot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

/**
 * Nothing is lost when the process dies: a real child JVM writes an outbox item and is killed
 * with SIGKILL, before its delivery or in the middle of it; a fresh worker on the same store
 * then delivers the item exactly once more.
 */
class OutboxKillTest {
    static final OutboxSettings SETTINGS = new OutboxSettings(5, Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(2), 10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anItemCommittedBeforeTheProcessWasKilledIsDeliveredAfterARestart(TestStore kind) throws Exception {
        StoreConfig config = kind.config(dir);
        String key = killChildAfter(config, "wait", "COMMITTED ");

        Database db = Database.open(config);
        List<String> received = new ArrayList<>();
        OutboxWorker worker = new OutboxWorker(db, item -> {
            received.add(item.idempotencyKey());
            return DeliveryResult.delivered();
        }, SETTINGS, new MutableClock(Instant.now()), "restarted");
        assertEquals(1, worker.drain());
        assertEquals(List.of(key), received);
        OutboxItem item = new Outbox(db, new MutableClock(Instant.now())).list(OutboxStatus.DELIVERED, 1).get(0);
        assertEquals(1, item.attempts());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anItemWhoseDeliveryWasCutShortIsDeliveredAfterTheLease(TestStore kind) throws Exception {
        StoreConfig config = kind.config(dir);
        String key = killChildAfter(config, "deliver", "DELIVERING ");

        Database db = Database.open(config);
        MutableClock clock = new MutableClock(Instant.now());
        List<String> received = new ArrayList<>();
        OutboxWorker worker = new OutboxWorker(db, item -> {
            received.add(item.idempotencyKey());
            return DeliveryResult.delivered();
        }, SETTINGS, clock, "restarted");
        assertEquals(0, worker.drain(), "the dead process's lease still holds");
        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertEquals(1, worker.drain());
        assertEquals(List.of(key), received);
        OutboxItem item = new Outbox(db, clock).list(OutboxStatus.DELIVERED, 1).get(0);
        assertEquals(2, item.attempts(), "the cut-short attempt counts");
    }

    /** Starts the child, waits for a line with the prefix, kills it (SIGKILL) and returns the rest of the line. */
    private static String killChildAfter(StoreConfig config, String mode, String prefix) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OutboxChild.class.getName(), config.url(), nonNull(config.user()), nonNull(config.password()), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l; (l = out.readLine()) != null; ) {
                        if (l.startsWith(prefix)) {
                            return l.substring(prefix.length());
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            String key = line.get(60, TimeUnit.SECONDS);
            assertNotNull(key, "the child process ended without saying " + prefix.strip());
            return key;
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
