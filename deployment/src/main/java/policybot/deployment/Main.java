package policybot.deployment;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import policybot.adapters.cli.AskCommand;
import policybot.adapters.cli.EscalateCommand;
import policybot.adapters.cli.ExceptionsCommand;
import policybot.adapters.cli.OutboxCommand;
import policybot.adapters.cli.PolicyCommand;
import policybot.adapters.cli.PrivacyCommand;
import policybot.adapters.cli.ReviewCommand;
import policybot.adapters.cli.TicketsCommand;
import policybot.adapters.cli.AdminCommand;
import policybot.adapters.cli.DigestCommand;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.PolicyVersions;
import policybot.bot.store.StoreConfig;
import policybot.knowledge.PolicySource;

/** The runnable assembly: {@code java -jar policybot.jar <command>}; with no command, {@code serve}. */
@Command(name = "policybot", mixinStandardHelpOptions = true, version = "policybot 0.1.0",
        description = "Answers staff questions about the University's AI policy, with cited clauses.")
public final class Main implements Runnable {

    /** Held so the setting is not garbage-collected with the logger. */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        // Lucene warns on every start that the incubating vector API is not enabled; for a few
        // hundred clauses it makes no difference, and the warning would only teach people to ignore stderr.
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        String[] command = arguments(args);
        Configuration config = Configuration.load(System.getenv());
        // Logback reads its level and format from system properties too: settings from the file reach it.
        config.values().forEach((k, v) -> {
            if (k.startsWith("POLICYBOT_LOG_") && System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        if (!config.problems().isEmpty() && command[0].equals("serve")) {
            System.err.println("policybot: the configuration has problems; nothing was started:");
            config.problems().forEach(p -> System.err.println("  - " + p));
            System.err.println("(`java -jar policybot.jar config check` prints every setting)");
            System.exit(2);
        }
        System.exit(commandLine(config.values()).execute(command));
    }

    /** No arguments: run the server, so that {@code java -jar policybot.jar} is the try-it chat. */
    static String[] arguments(String[] args) {
        return args.length == 0 ? new String[] {"serve"} : args;
    }

    /**
     * The commands on the environment's store ({@code POLICYBOT_DB_URL}, default {@code ./data/policybot.db}).
     * Nothing is opened here: the store when a command first needs it, the bot likewise.
     */
    static CommandLine commandLine(Map<String, String> env) {
        Supplier<RoutingTable> routing = new Lazy<>(() -> RoutingTable.fromEnvironment(env));
        Supplier<Escalations> store = new Lazy<>(() -> Escalations.open(StoreConfig.fromEnvironment(env),
                routing.get(), StoreSettings.of(env, routing.get()), Clock.systemUTC()));
        Supplier<PolicyBot> bot = new Lazy<>(() -> BotFactory.bundled(routing.get()));
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new AskCommand(bot, new ReviewRecorder(store, StoreSettings.lowConfidence(env))));
        cli.addSubcommand(new EscalateCommand(bot, store));
        cli.addSubcommand(new TicketsCommand(store));
        cli.addSubcommand(new ReviewCommand(store));
        cli.addSubcommand(new OutboxCommand(store));
        cli.addSubcommand(new ExceptionsCommand(store));
        cli.addSubcommand(new ConfigCommand());
        cli.addSubcommand(PrivacyCommand.command(() -> store.get().database()));
        cli.addSubcommand(new CommandLine(new PolicyCommand())
                .addSubcommand(new PolicyCommand.Load(() -> store.get().database())));
        cli.addSubcommand(new AdminCommand());
        // the policy version the servers on this store serve: the one last loaded into it, else the bundled one
        Supplier<String> policyVersion = () -> new PolicyVersions(store.get().database(), Clock.systemUTC()).latest()
                .map(PolicyVersions.Stored::version).orElseGet(() -> PolicySource.bundled().version());
        cli.addSubcommand(new DigestCommand(new Lazy<>(() -> ServerStore.digestSchedule(env, store.get(), routing.get(),
                policyVersion, Clock.systemUTC()))));
        cli.addSubcommand(new ServeCommand(bot, () -> ServerStore.services(env, bot.get(), store.get(), routing.get(),
                Clock.systemUTC()), env, System.out, server -> { }));
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
