package policybot.bot.escalation;

import java.time.Instant;
import java.util.List;
import policybot.bot.answer.Citation;

/**
 * A ticket as stored.
 *
 * @param id               its number
 * @param team             the specialist team's key
 * @param kind             a question or an exception request
 * @param state            where it is
 * @param requester        who asked
 * @param channel          where they asked; replies go back there
 * @param conversationLink a link back to the conversation, or null
 * @param question         the requester's own words
 * @param answerText       what the bot answered, or null
 * @param citations        what the bot cited
 * @param policyVersion    the policy version the bot answered from
 * @param exceptionRequest the exception request's details, or null
 * @param claimedBy        the specialist who has it, or null
 * @param reply            the specialist's last reply, or null
 * @param flagged          nobody claimed it in time
 * @param reposts          how often it was posted to the team again
 * @param createdAt        opened
 * @param updatedAt        last changed
 * @param postedAt         last (re-)posted to the team
 * @param claimedAt        last claimed, or null
 * @param answeredAt       last answered, or null
 * @param closedAt         closed, or null
 */
public record Ticket(long id, String team, TicketKind kind, TicketState state, String requester, String channel,
                     String conversationLink, String question, String answerText, List<Citation> citations,
                     String policyVersion, ExceptionRequest exceptionRequest, String claimedBy, String reply,
                     boolean flagged, int reposts, Instant createdAt, Instant updatedAt, Instant postedAt,
                     Instant claimedAt, Instant answeredAt, Instant closedAt) {
    public Ticket {
        citations = List.copyOf(citations);
    }

    /** How people refer to it: "T-42". */
    public String reference() {
        return "T-" + id;
    }
}
