package policybot.adapters.cli;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import policybot.bot.store.Database;
import policybot.bot.store.PrivacyRequests;

/** {@code policybot privacy export|erase --user ID}: a data subject's access and erasure requests. */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Export, or erase, what the store holds about one person (tickets, ticket changes, exception requests).")
public final class PrivacyCommand {
    private PrivacyCommand() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the person's rows as JSON.")
    public static final class Export implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "the user id as the channel knows it")
        String user;

        private final Supplier<Database> store;

        public Export(Supplier<Database> store) {
            this.store = store;
        }

        @Override
        public Integer call() {
            System.out.println(new PrivacyRequests(store.get()).export(user));
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Remove the person and what they wrote from the store. Needs --yes.")
    public static final class Erase implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "the user id as the channel knows it")
        String user;

        @Option(names = "--yes", description = "confirm: this cannot be undone")
        boolean yes;

        private final Supplier<Database> store;

        public Erase(Supplier<Database> store) {
            this.store = store;
        }

        @Override
        public Integer call() {
            if (!yes) {
                System.err.println("policybot: erasing cannot be undone; run again with --yes to erase " + user);
                return 2;
            }
            new PrivacyRequests(store.get()).erase(user)
                    .forEach((table, rows) -> System.out.println(table + ": " + rows + " rows changed"));
            return 0;
        }
    }

    /** The command with its two subcommands, which need the store. */
    public static picocli.CommandLine command(Supplier<Database> store) {
        return new picocli.CommandLine(new Group()).addSubcommand(new Export(store)).addSubcommand(new Erase(store));
    }

    @Command(name = "privacy", mixinStandardHelpOptions = true,
            description = "A data subject's requests: export or erase what the store holds about a person.")
    static final class Group implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.out);
        }
    }
}
