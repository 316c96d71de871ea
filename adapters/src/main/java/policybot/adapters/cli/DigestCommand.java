package policybot.adapters.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import policybot.bot.digest.DigestPayload;
import policybot.bot.digest.DigestSchedule;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.WeeklyDigest;

/**
 * {@code policybot digest --preview | --send-now}: this week's digest for the policy owner, printed,
 * or put in the outbox now (once a week: a second send, by hand or by the server's schedule, adds
 * nothing). The running server's outbox delivers what is queued.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"The weekly digest for the policy owner: new unanswered questions and open tickets.",
                "Sent by `serve` on POLICYBOT_DIGEST_SCHEDULE (default MON 09:00) in POLICYBOT_DIGEST_ZONE "
                        + "(default Europe/London) to the policy-owner team's destinations."})
public final class DigestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--preview", required = true, description = "Print this week's digest as it stands now.")
        boolean preview;

        @Option(names = "--send-now", required = true,
                description = "Queue this week's digest for the policy owner now, unless it is queued already.")
        boolean sendNow;
    }

    @Option(names = "--json", description = "With --preview: the JSON a webhook receives.")
    boolean json;

    private final Supplier<DigestSchedule> schedule;

    public DigestCommand(Supplier<DigestSchedule> schedule) {
        this.schedule = schedule;
    }

    @Override
    public Integer call() throws Exception {
        return CliOutput.attempt(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            if (what.preview) {
                WeeklyDigest digest = schedule.get().digests().thisWeek();
                out.print(json ? DigestPayload.write(digest) + "\n" : DigestText.render(digest));
                out.flush();
                return 0;
            }
            return switch (schedule.get().sendNow()) {
                case DigestSchedule.Outcome.Queued q -> {
                    out.println("Queued the weekly digest " + q.week() + " for " + String.join(", ", q.destinations())
                            + "; the server's outbox delivers it.");
                    out.flush();
                    yield 0;
                }
                case DigestSchedule.Outcome.AlreadyQueued a -> {
                    out.println("The weekly digest " + a.week() + " is already queued: nothing more was sent.");
                    out.flush();
                    yield 0;
                }
                case DigestSchedule.Outcome.NoDestination n -> throw new IllegalStateException("the routing table gives the "
                        + DigestSchedule.TEAM + " team no Slack, Teams or webhook destination: there is nowhere to send the "
                        + "digest (POLICYBOT_ROUTING)");
                case DigestSchedule.Outcome.NotYet n -> throw new IllegalStateException("not sent: " + n);
                case DigestSchedule.Outcome.Off o -> throw new IllegalStateException("not sent: the schedule is off");
            };
        });
    }
}
