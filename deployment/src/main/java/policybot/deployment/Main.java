package policybot.deployment;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import policybot.adapters.cli.AskCommand;
import policybot.bot.BotFactory;

/** The runnable assembly: {@code java -jar policybot.jar <command>}. */
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
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new AskCommand(BotFactory::bundled, AskCommand.AnswerRecorder.NONE));
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
