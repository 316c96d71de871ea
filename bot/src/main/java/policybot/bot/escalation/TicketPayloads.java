package policybot.bot.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import policybot.bot.routing.Team;

/**
 * The JSON the outbox carries for tickets (documented in docs/escalation.md). A post to a team
 * carries the requester's own words: the assigned team is one of the two who may read them.
 */
final class TicketPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TicketPayloads() {
    }

    /** ticket.opened, ticket.reposted, ticket.released, ticket.reopened: the whole ticket, to its team. */
    static String toTeam(String event, Ticket t, Team team, String note) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", event);
        if (note != null) {
            root.put("note", note);
        }
        ObjectNode n = root.putObject("ticket");
        n.put("id", t.id());
        n.put("reference", t.reference());
        n.put("team", t.team());
        n.put("team_name", team == null ? t.team() : team.name());
        n.put("kind", t.kind().wire());
        n.put("state", t.state().wire());
        n.put("requester", t.requester());
        n.put("channel", t.channel());
        n.put("conversation_link", t.conversationLink());
        n.put("question", t.question());
        ObjectNode answer = n.putObject("answer");
        answer.put("text", t.answerText());
        answer.set("citations", JSON.valueToTree(t.citations()));
        n.put("policy_version", t.policyVersion());
        if (t.exceptionRequest() == null) {
            n.putNull("exception_request");
        } else {
            ObjectNode x = n.putObject("exception_request");
            x.put("ai_use", t.exceptionRequest().aiUse());
            x.put("data_involved", t.exceptionRequest().dataInvolved());
            x.put("justification", t.exceptionRequest().justification());
            x.put("duration", t.exceptionRequest().duration());
        }
        n.put("flagged", t.flagged());
        n.put("reposts", t.reposts());
        n.put("created_at", t.createdAt().toString());
        return write(root);
    }

    /** ticket.answered: the specialist's reply, to the requester in the channel they asked from. */
    static String toRequester(Ticket t, Team team, String answeredBy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "ticket.answered");
        ObjectNode n = root.putObject("ticket");
        n.put("id", t.id());
        n.put("reference", t.reference());
        n.put("team", t.team());
        n.put("team_name", team == null ? t.team() : team.name());
        root.put("requester", t.requester());
        root.put("channel", t.channel());
        root.put("conversation_link", t.conversationLink());
        root.put("reply", t.reply());
        root.put("answered_by", answeredBy);
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket could not be written as JSON", e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
