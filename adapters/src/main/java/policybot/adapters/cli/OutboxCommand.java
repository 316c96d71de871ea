package policybot.adapters.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import policybot.bot.Escalations;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxStatus;

/** {@code policybot outbox ...}: what operators see of outbound deliveries, and retrying dead letters. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Outbound deliveries: counts, dead letters, retry.")
public final class OutboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<Escalations> store;

    public OutboxCommand(Supplier<Escalations> store) {
        this.store = store;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Items in a status (default: dead), oldest first, and the counts.")
    int list(@Option(names = "--status", defaultValue = "dead") String status,
             @Option(names = "--limit", defaultValue = "100") int limit,
             @Option(names = "--json") boolean json) throws Exception {
        return CliOutput.attempt(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            List<OutboxItem> items = store.get().outbox().list(OutboxStatus.of(status), limit);
            for (OutboxItem i : items) {
                // payloads hold requesters' words: the listing shows where and why, not what
                out.println(json ? CliOutput.json(new Listed(i)) : String.format("%-5d %-10s %-32s attempts %d  %s",
                        i.id(), i.status().wire(), i.destination(), i.attempts(), CliOutput.orDash(i.lastError())));
            }
            if (!json) {
                out.println(store.get().outbox().counts().toString().toLowerCase(java.util.Locale.ROOT));
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "retry", description = "Put a dead letter back in line.")
    int retry(@Parameters(paramLabel = "ID") long id) throws Exception {
        return CliOutput.attempt(spec, () -> {
            if (!store.get().outbox().retry(id)) {
                throw new IllegalArgumentException("outbox item " + id + " is not a dead letter");
            }
            spec.commandLine().getOut().println(id + " will be tried again");
            spec.commandLine().getOut().flush();
            return 0;
        });
    }

    /** An item without its payload. */
    record Listed(long id, String destination, String idempotencyKey, String status, int attempts, String lastError,
                  java.time.Instant nextAttemptAt, java.time.Instant createdAt, java.time.Instant deliveredAt) {
        Listed(OutboxItem i) {
            this(i.id(), i.destination(), i.idempotencyKey(), i.status().wire(), i.attempts(), i.lastError(),
                    i.nextAttemptAt(), i.createdAt(), i.deliveredAt());
        }
    }
}
