package policybot.bot.escalation;

import java.util.List;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.Citation;

/**
 * What a ticket is opened from: who asked what, where, what the bot said, and which team gets it.
 *
 * @param requester        who asked, as the channel knows them
 * @param channel          where they asked (slack, teams, web, cli): the reply goes back there
 * @param conversationLink a link back to the conversation, if the channel has one
 * @param question         the requester's own words (kept for the requester and the team only)
 * @param team             the specialist team's key (the routing table's)
 * @param answerText       what the bot answered, if anything
 * @param citations        the clauses it cited
 * @param policyVersion    the policy version it answered from
 * @param exceptionRequest the details of an exception request, or null
 */
public record Escalation(String requester, String channel, String conversationLink, String question, String team,
                         String answerText, List<Citation> citations, String policyVersion,
                         ExceptionRequest exceptionRequest) {
    /** Who gets what nobody else does: questions the policy does not settle, requests for a person. */
    public static final String DEFAULT_TEAM = "policy-owner";
    public static final String EXCEPTIONS_TEAM = "exceptions";

    public Escalation {
        citations = citations == null ? List.of() : List.copyOf(citations);
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("an escalation needs a requester to reply to");
        }
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("an escalation needs the channel the requester asked in");
        }
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("an escalation needs the requester's question");
        }
        if (exceptionRequest != null && team != null && !team.equals(EXCEPTIONS_TEAM)) {
            throw new IllegalArgumentException("an exception request goes to '" + EXCEPTIONS_TEAM + "', not '" + team + "'");
        }
        if (team == null || team.isBlank()) {
            team = exceptionRequest != null ? EXCEPTIONS_TEAM : DEFAULT_TEAM;
        }
    }

    /** An escalation of the bot's answer to a question: the answer's route names the team. */
    public static Escalation of(Question question, Answer answer, String requester, String conversationLink) {
        String channel = question.channel() == null ? "cli" : question.channel();
        return new Escalation(requester, channel, conversationLink, question.text(), answer.route(), answer.text(),
                answer.citations(), answer.policyVersion(), null);
    }

    public Escalation withExceptionRequest(ExceptionRequest request) {
        return new Escalation(requester, channel, conversationLink, question, EXCEPTIONS_TEAM, answerText, citations,
                policyVersion, request);
    }

    public TicketKind kind() {
        return exceptionRequest == null ? TicketKind.QUESTION : TicketKind.EXCEPTION_REQUEST;
    }
}
