package policybot.adapters.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import policybot.knowledge.PolicyDiff;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicyFormatException;
import policybot.knowledge.PolicySource;
import policybot.knowledge.VerbatimCheck;

/** {@code policybot policy check|diff}: what the policy team runs before installing a new version. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Check a policy document, or list what changed between two versions.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Diff.class})
public final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static PolicyDocument read(Path file) {
        return VerbatimCheck.parseChecked(PolicySource.fileText(file));
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Parse a policy document (plain text or Markdown with the policy's outline) and report its clauses.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            try {
                PolicyDocument policy = read(file);
                System.out.println("Policy v" + policy.version() + " (" + policy.metadata().title() + "): "
                        + policy.clauses().size() + " clauses");
                policy.countsBySection().forEach((section, n) -> System.out.println("  " + section + ": " + n));
                return 0;
            } catch (PolicyFormatException e) {
                System.err.println("policybot: " + file + " was refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "List the clauses added, removed and changed between two versions of the policy.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OLD")
        Path older;

        @Parameters(index = "1", paramLabel = "NEW")
        Path newer;

        @Override
        public Integer call() {
            try {
                System.out.print(PolicyDiff.report(read(older), read(newer)));
                return 0;
            } catch (PolicyFormatException e) {
                System.err.println("policybot: a version was refused: " + e.getMessage());
                return 1;
            }
        }
    }

    /**
     * {@code policy load FILE}: checks the document and installs it into the store, from which every
     * running instance takes it within its poll interval (and a restarted one starts on it).
     */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Install a new version of the policy: every server on this store answers from it "
                    + "within POLICYBOT_POLICY_POLL (default 30 s), without a restart.",
                    "A document that does not parse into the policy's structure is refused and nothing changes."})
    public static final class Load implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        private final java.util.function.Supplier<policybot.bot.store.Database> store;

        public Load(java.util.function.Supplier<policybot.bot.store.Database> store) {
            this.store = store;
        }

        @Override
        public Integer call() {
            String text = PolicySource.fileText(file);
            try {
                PolicyDocument policy = read(file);
                var previous = new policybot.bot.store.PolicyVersions(store.get(), java.time.Clock.systemUTC()).latest();
                var stored = new policybot.bot.store.PolicyVersions(store.get(), java.time.Clock.systemUTC())
                        .install(text, System.getProperty("user.name", "cli"));
                System.out.println("Installed policy v" + stored.version() + " (" + policy.clauses().size()
                        + " clauses, sha256 " + stored.sha256().substring(0, 12) + "), store version " + stored.id());
                previous.ifPresent(p -> System.out.print(PolicyDiff.report(
                        VerbatimCheck.parseChecked(p.document()), policy)));
                return 0;
            } catch (PolicyFormatException e) {
                System.err.println("policybot: " + file + " was refused, nothing changed: " + e.getMessage());
                return 1;
            }
        }
    }
}
