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
import policybot.bot.review.ReviewCsv;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewStatus;

/** {@code policybot review ...}: the policy team's queue of what the bot could not answer well. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The review queue: unanswered, low-confidence and not-helpful questions, grouped by wording.")
public final class ReviewCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<Escalations> store;

    public ReviewCommand(Supplier<Escalations> store) {
        this.store = store;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Wordings, most asked first.")
    int list(@Option(names = "--status", description = "new, covered or dismissed (default: all)") String status,
             @Option(names = "--json", description = "one JSON object a line") boolean json) throws Exception {
        return CliOutput.attempt(spec, () -> {
            List<ReviewItem> items = store.get().review().list(status == null ? null : ReviewStatus.of(status));
            PrintWriter out = spec.commandLine().getOut();
            for (ReviewItem i : items) {
                out.println(json ? CliOutput.json(i) : String.format("%-5d %-9s %4dx  last %s  %s", i.id(),
                        i.status().wire(), i.occurrences(), i.lastSeen(), i.latestQuestion()));
            }
            if (!json && items.isEmpty()) {
                out.println("the review queue is empty");
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "export", description = "The queue as CSV on standard output.")
    int export(@Option(names = "--csv", required = true, description = "CSV (the only format)") boolean csv,
               @Option(names = "--status", description = "new, covered or dismissed (default: all)") String status)
            throws Exception {
        return CliOutput.attempt(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            ReviewCsv.write(store.get().review().list(status == null ? null : ReviewStatus.of(status)), out);
            out.flush();
            return 0;
        });
    }

    @Command(name = "cover", description = "Mark a wording as answered now (by a clause, or a synonym added).")
    int cover(@Parameters(paramLabel = "ID") long id, @Option(names = "--by", required = true) String by,
              @Option(names = "--with", required = true, description = "what covers it: \"clause 2.2\"") String with)
            throws Exception {
        return CliOutput.attempt(spec, () -> {
            ReviewItem i = store.get().review().markCovered(id, by, with);
            spec.commandLine().getOut().println(i.id() + " is covered by " + i.resolution());
            spec.commandLine().getOut().flush();
            return 0;
        });
    }

    @Command(name = "dismiss", description = "Dismiss a wording the policy team will not act on.")
    int dismiss(@Parameters(paramLabel = "ID") long id, @Option(names = "--by", required = true) String by,
                @Option(names = "--reason") String reason) throws Exception {
        return CliOutput.attempt(spec, () -> {
            ReviewItem i = store.get().review().dismiss(id, by, reason);
            spec.commandLine().getOut().println(i.id() + " is dismissed");
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
