package policybot.adapters.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import policybot.bot.Escalations;
import policybot.bot.escalation.SweepReport;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketEvent;
import policybot.bot.escalation.TicketState;

/** {@code policybot tickets ...}: what a specialist does with a ticket, on the command line. */
@Command(name = "tickets", mixinStandardHelpOptions = true,
        description = "List, show, claim, reply to, close and reopen the specialist teams' tickets.")
public final class TicketsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<Escalations> store;

    public TicketsCommand(Supplier<Escalations> store) {
        this.store = store;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Tickets, newest first.")
    int list(@Option(names = "--state", description = "open, claimed, answered or closed") String state,
             @Option(names = "--team", description = "a team key") String team,
             @Option(names = "--json", description = "one JSON object a line") boolean json) throws Exception {
        return CliOutput.attempt(spec, () -> {
            List<Ticket> tickets = store.get().tickets().list(state == null ? null : TicketState.of(state), team);
            PrintWriter out = out();
            for (Ticket t : tickets) {
                out.println(json ? CliOutput.json(t) : String.format("%-6s %-9s %-22s %-18s %s%s", t.reference(),
                        t.state().wire(), t.team(), t.requester(), t.createdAt(), t.flagged() ? "  FLAGGED" : ""));
            }
            if (!json && tickets.isEmpty()) {
                out.println("no tickets");
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "show", description = "A ticket and its history.")
    int show(@Parameters(paramLabel = "TICKET") String id, @Option(names = "--json") boolean json) throws Exception {
        return CliOutput.attempt(spec, () -> {
            long n = CliOutput.ticketId(spec, id);
            Ticket t = store.get().tickets().get(n);
            List<TicketEvent> history = store.get().tickets().history(n);
            PrintWriter out = out();
            if (json) {
                out.println(CliOutput.json(java.util.Map.of("ticket", t, "history", history)));
            } else {
                out.println(t.reference() + " (" + t.kind().wire() + ") for " + t.team() + ": " + t.state().wire()
                        + (t.flagged() ? ", FLAGGED (not claimed in time)" : ""));
                out.println("from " + t.requester() + " in " + t.channel() + " " + CliOutput.orDash(t.conversationLink()));
                out.println("question: " + t.question());
                if (t.exceptionRequest() != null) {
                    out.println("exception request: AI use: " + t.exceptionRequest().aiUse() + "; data: "
                            + CliOutput.orDash(t.exceptionRequest().dataInvolved()) + "; why: "
                            + CliOutput.orDash(t.exceptionRequest().justification()) + "; for: "
                            + CliOutput.orDash(t.exceptionRequest().duration()));
                }
                out.println("bot's answer (policy v" + CliOutput.orDash(t.policyVersion()) + "): "
                        + CliOutput.orDash(t.answerText()));
                if (t.reply() != null) {
                    out.println("reply: " + t.reply());
                }
                out.println("history:");
                for (TicketEvent e : history) {
                    out.println("  " + e.at() + "  " + e.type() + " by " + e.actor()
                            + (e.from() == null ? "" : " (" + e.from().wire() + " -> " + e.to().wire() + ")")
                            + (e.note() == null ? "" : ": " + e.note()));
                }
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "claim", description = "Take an open ticket.")
    int claim(@Parameters(paramLabel = "TICKET") String id, @Option(names = "--by", required = true) String by)
            throws Exception {
        return CliOutput.attempt(spec, () -> done(store.get().tickets().claim(CliOutput.ticketId(spec, id), by)));
    }

    @Command(name = "reply", description = "Answer a claimed ticket; the reply goes to the requester.")
    int reply(@Parameters(index = "0", paramLabel = "TICKET") String id,
              @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT") List<String> text,
              @Option(names = "--by", required = true) String by) throws Exception {
        return CliOutput.attempt(spec, () -> done(store.get().tickets().reply(CliOutput.ticketId(spec, id), by,
                String.join(" ", text))));
    }

    @Command(name = "close", description = "Close a ticket.")
    int close(@Parameters(paramLabel = "TICKET") String id, @Option(names = "--by", required = true) String by,
              @Option(names = "--note") String note) throws Exception {
        return CliOutput.attempt(spec, () -> done(store.get().tickets().close(CliOutput.ticketId(spec, id), by, note)));
    }

    @Command(name = "reopen", description = "Send an answered or closed ticket back to its team.")
    int reopen(@Parameters(paramLabel = "TICKET") String id, @Option(names = "--by", required = true) String by,
               @Option(names = "--note") String note) throws Exception {
        return CliOutput.attempt(spec, () -> done(store.get().tickets().reopen(CliOutput.ticketId(spec, id), by, note)));
    }

    @Command(name = "sweep", description = "Re-post unclaimed tickets and close answered ones nobody reopened.")
    int sweep() throws Exception {
        return CliOutput.attempt(spec, () -> {
            SweepReport r = store.get().tickets().sweep();
            out().println("reposted " + r.reposted().size() + ", closed " + r.autoClosed().size());
            out().flush();
            return 0;
        });
    }

    private int done(Ticket t) {
        out().println(t.reference() + " is " + t.state().wire());
        out().flush();
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** For tests and the assembly: the command with its subcommands, ready to run. */
    public static CommandLine commandLine(Supplier<Escalations> store) {
        return new CommandLine(new TicketsCommand(store));
    }
}
