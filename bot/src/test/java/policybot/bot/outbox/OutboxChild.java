package policybot.bot.outbox;

import java.time.Clock;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/**
 * A separate PolicyBot-like process for {@link OutboxKillTest}: it writes an outbox item, says so
 * on standard output, and then either waits (killed before any delivery) or starts delivering
 * and hangs in the delivery (killed mid-delivery). The test kills it with SIGKILL.
 */
public final class OutboxChild {
    private OutboxChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1].isEmpty() ? null : args[1];
        String password = args[2].isEmpty() ? null : args[2];
        String mode = args[3];
        Database db = Database.open(new StoreConfig(url, user, password));
        Outbox outbox = new Outbox(db, Clock.systemUTC());
        String key = outbox.enqueue("webhook:desk", "{\"ticket\":1}");
        System.out.println("COMMITTED " + key);
        System.out.flush();
        if (mode.equals("deliver")) {
            OutboxWorker worker = new OutboxWorker(db, item -> {
                System.out.println("DELIVERING " + item.idempotencyKey());
                System.out.flush();
                sleepForever();
                return DeliveryResult.delivered();
            }, OutboxKillTest.SETTINGS, Clock.systemUTC(), "child");
            worker.runOnce();
        }
        sleepForever();
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a SIGKILL does not interrupt; keep waiting for it
            }
        }
    }
}
