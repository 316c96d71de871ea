package policybot.adapters.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.Ticket;

/** {@code policybot escalate}: what a chat's "ask a person" button does: a ticket with the bot's answer. */
@Command(name = "escalate", mixinStandardHelpOptions = true,
        description = "Open a ticket for a specialist team with the bot's answer to the message.")
public final class EscalateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MESSAGE")
    List<String> words;

    @Option(names = "--team", description = "the team key (default: the bot's route, else policy-owner)")
    String team;

    @Option(names = "--requester", required = true, description = "who asked, to reply to")
    String requester;

    @Option(names = "--channel", defaultValue = "cli", description = "where the reply goes (default: cli)")
    String channel;

    @Option(names = "--link", description = "a link back to the conversation")
    String link;

    @Option(names = "--ai-use", description = "an exception request: what use of AI (goes to exceptions)")
    String aiUse;

    @Option(names = "--data", description = "an exception request: what data")
    String data;

    @Option(names = "--why", description = "an exception request: why")
    String why;

    @Option(names = "--for", description = "an exception request: for how long")
    String duration;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Supplier<PolicyBot> bot;
    private final Supplier<Escalations> store;

    public EscalateCommand(Supplier<PolicyBot> bot, Supplier<Escalations> store) {
        this.bot = bot;
        this.store = store;
    }

    @Override
    public Integer call() throws Exception {
        return CliOutput.attempt(spec, () -> {
            Question q = new Question(null, String.join(" ", words), requester, channel, null);
            q.problem().ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            Answer answer = bot.get().answer(q);
            ExceptionRequest x = aiUse == null ? null : new ExceptionRequest(aiUse, data, why, duration);
            String to = x != null ? Escalation.EXCEPTIONS_TEAM : team != null ? team : answer.route();
            Ticket t = store.get().tickets().open(new Escalation(requester, channel, link, q.text(), to, answer.text(),
                    answer.citations(), answer.policyVersion(), x));
            spec.commandLine().getOut().println(json ? CliOutput.json(t)
                    : "Opened " + t.reference() + " for " + t.team() + ".");
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
