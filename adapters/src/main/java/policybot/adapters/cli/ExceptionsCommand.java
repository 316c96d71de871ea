package policybot.adapters.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import policybot.bot.Escalations;
import policybot.bot.escalation.ExceptionOutcome;
import policybot.bot.escalation.RegisteredException;

/** {@code policybot exceptions ...}: the register of decided exception requests. */
@Command(name = "exceptions", mixinStandardHelpOptions = true,
        description = "The exceptions register: decided exception requests and their review dates.")
public final class ExceptionsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<Escalations> store;

    public ExceptionsCommand(Supplier<Escalations> store) {
        this.store = store;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "The register, oldest first; with --due, agreed exceptions due for review.")
    int list(@Option(names = "--due", description = "review date on or before (YYYY-MM-DD)") String due,
             @Option(names = "--json", description = "one JSON object a line") boolean json) throws Exception {
        return CliOutput.attempt(spec, () -> {
            List<RegisteredException> entries = due == null ? store.get().exceptions().list()
                    : store.get().exceptions().dueForReview(LocalDate.parse(due));
            PrintWriter out = spec.commandLine().getOut();
            for (RegisteredException e : entries) {
                out.println(json ? CliOutput.json(e) : String.format("%-4d %-8s T-%-5s %-14s review %-10s %s", e.id(),
                        e.outcome(), CliOutput.orDash(e.ticketId()), e.requester(), CliOutput.orDash(e.reviewOn()),
                        e.request().aiUse()));
            }
            if (!json && entries.isEmpty()) {
                out.println("no exceptions");
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "decide", description = "Record the decision on an exception request's ticket.")
    int decide(@Parameters(paramLabel = "TICKET") String ticket, @Option(names = "--by", required = true) String by,
               @Option(names = "--agreed", description = "agreed (needs --review-on)") boolean agreed,
               @Option(names = "--refused", description = "refused (needs --reason)") boolean refused,
               @Option(names = "--conditions") String conditions,
               @Option(names = "--review-on", description = "YYYY-MM-DD") String reviewOn,
               @Option(names = "--expires-on", description = "YYYY-MM-DD") String expiresOn,
               @Option(names = "--reason") String reason) throws Exception {
        return CliOutput.attempt(spec, () -> {
            if (agreed == refused) {
                throw new IllegalArgumentException("say --agreed or --refused");
            }
            ExceptionOutcome outcome = agreed
                    ? new ExceptionOutcome.Agreed(conditions, reviewOn == null ? null : LocalDate.parse(reviewOn),
                            expiresOn == null ? null : LocalDate.parse(expiresOn))
                    : new ExceptionOutcome.Refused(reason);
            RegisteredException e = store.get().tickets().decideException(CliOutput.ticketId(spec, ticket), by, outcome);
            spec.commandLine().getOut().println("register entry " + e.id() + ": " + e.outcome()
                    + (e.reviewOn() == null ? "" : ", review on " + e.reviewOn()));
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
