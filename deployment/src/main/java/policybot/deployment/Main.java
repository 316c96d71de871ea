package policybot.deployment;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import policybot.adapters.cli.AskCommand;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;

/** The runnable assembly: {@code java -jar policybot.jar <command>}; with no command, {@code serve}. */
@Command(name = "policybot", mixinStandardHelpOptions = true, version = "policybot 0.1.0",
        description = "Answers staff questions about the University's AI policy, with cited clauses.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(arguments(args)));
    }

    /** No arguments: run the server, so that {@code java -jar policybot.jar} is the try-it chat. */
    static String[] arguments(String[] args) {
        return args.length == 0 ? new String[] {"serve"} : args;
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new AskCommand(BotFactory::bundled, AskCommand.AnswerRecorder.NONE));
        cli.addSubcommand(new ServeCommand(BotFactory::bundled, WebServices::withoutStore));
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
