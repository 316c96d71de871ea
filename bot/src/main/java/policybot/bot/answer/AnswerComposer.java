package policybot.bot.answer;

import java.util.List;
import policybot.bot.intent.EscalationReason;
import policybot.bot.routing.Team;
import policybot.knowledge.Clause;
import policybot.knowledge.PolicyMetadata;

/** Writes what a person reads. Plain text with light Markdown that every channel can show. */
public final class AnswerComposer {
    /** How many clauses the text quotes; the citations list carries more. */
    static final int QUOTED = 2;

    private final PolicyMetadata policy;

    public AnswerComposer(PolicyMetadata policy) {
        this.policy = policy;
    }

    /** The one-line notice every reply ends with: the policy's own Transparency principle. */
    public String notice() {
        return "_Automated answer from the " + policy.title() + " v" + policy.version()
                + ". It explains the policy and decides nothing about you; to reach a person, ask to talk to a specialist._";
    }

    /**
     * @param ambiguous two different clauses compete closely: say so, and show both
     */
    public String answer(Verdict verdict, String conditions, List<Clause> quoted, boolean ambiguous) {
        StringBuilder s = new StringBuilder();
        if (verdict != null) {
            s.append("**").append(verdict.heading()).append(".** ");
        }
        s.append(ambiguous ? "Two parts of the policy could answer this, and I can't tell which you mean, so here are "
                + "both. If neither fits, ask again with more detail or ask to talk to a specialist.\n\n"
                : "The policy says:\n\n");
        quote(s, quoted);
        if (conditions != null) {
            s.append("Conditions: ").append(conditions).append("\n\n");
        }
        return s.append(notice()).toString();
    }

    public String escalation(EscalationReason why, Team team, List<Clause> quoted) {
        StringBuilder s = new StringBuilder();
        s.append(switch (why) {
            case EXCEPTION_REQUEST -> "This is a request for an exception to the policy. Exceptions are decided by people, "
                    + "not by this bot: it goes to " + team.name() + ".";
            case CHALLENGE -> "You are questioning how AI is being used. The policy gives you a route to do that: it goes to "
                    + team.name() + ".";
            case PERSON_REQUEST -> "The right people for this are the " + team.name() + " (" + team.covers() + ").";
        }).append(' ').append(team.contact()).append("\n\n");
        if (!quoted.isEmpty()) {
            s.append("What the policy says:\n\n");
            quote(s, quoted);
        }
        return s.append(notice()).toString();
    }

    public String noAnswer(String why, Team pointer) {
        StringBuilder s = new StringBuilder(why);
        if (pointer != null) {
            s.append(' ').append(pointer.contact());
        }
        return s.append("\n\n").append(notice()).toString();
    }

    public String help() {
        return "Hello! I answer questions about the University's " + policy.title() + " (v" + policy.version()
                + "), quoting the clauses that apply. Ask me things like \"Can I paste student marks into ChatGPT?\", "
                + "\"What counts as confidential information?\" or \"Who approves exceptions?\". "
                + "If you need a person, say so (for example \"talk to someone in Information Governance\"), "
                + "ask for an exception, or challenge a use of AI, and I will point you to the right team.\n\n" + notice();
    }

    private static void quote(StringBuilder s, List<Clause> quoted) {
        for (Clause c : quoted.subList(0, Math.min(QUOTED, quoted.size()))) {
            s.append("> ").append(c.text()).append("\n(").append(c.section()).append(", clause ").append(c.id())
                    .append(")\n\n");
        }
    }
}
