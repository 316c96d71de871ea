package policybot.deployment;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code policybot config check}: the effective configuration, secrets masked, and what is wrong with it. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show and check the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Print every setting with where it came from (secrets masked); exit 1 if any is wrong.")
    static final class Check implements Callable<Integer> {
        @Override
        public Integer call() {
            Configuration c = Configuration.load(System.getenv());
            System.out.print(c.report());
            return c.problems().isEmpty() ? 0 : 1;
        }
    }
}
