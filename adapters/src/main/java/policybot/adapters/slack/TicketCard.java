package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.Ticket;

/**
 * A ticket as its team sees it in their Slack channel, with Claim, Reply and Close buttons for
 * what its state allows. Built from the outbox's payload when it is first posted, and from the
 * stored ticket when a specialist's click changes it (the message is then updated in place).
 */
record TicketCard(long id, String reference, String teamName, String kind, String state, String requester,
                  String channel, String conversationLink, String question, List<String> citedClauses,
                  String policyVersion, ExceptionRequest exceptionRequest, String claimedBy, String reply,
                  boolean flagged, String event, String note) {
    static final String BLOCK_ID = "policybot.ticket";

    static TicketCard fromPayload(JsonNode root) {
        JsonNode t = root.path("ticket");
        List<String> clauses = new ArrayList<>();
        t.path("answer").path("citations").forEach(c -> clauses.add(c.path("clause").asText()));
        JsonNode x = t.path("exception_request");
        ExceptionRequest request = x.isObject() && x.hasNonNull("ai_use")
                ? new ExceptionRequest(x.path("ai_use").asText(), text(x, "data_involved"), text(x, "justification"),
                text(x, "duration")) : null;
        return new TicketCard(t.path("id").asLong(), t.path("reference").asText(), text(t, "team_name"),
                text(t, "kind"), text(t, "state"), text(t, "requester"), text(t, "channel"),
                text(t, "conversation_link"), text(t, "question"), clauses, text(t, "policy_version"), request,
                null, null, t.path("flagged").asBoolean(false), text(root, "event"), text(root, "note"));
    }

    static TicketCard fromTicket(Ticket t, String teamName) {
        return new TicketCard(t.id(), t.reference(), teamName, t.kind().wire(), t.state().wire(), t.requester(),
                t.channel(), t.conversationLink(), t.question(),
                t.citations().stream().map(c -> c.clause()).toList(), t.policyVersion(), t.exceptionRequest(),
                t.claimedBy(), t.reply(), t.flagged(), null, null);
    }

    ArrayNode blocks() {
        ArrayNode blocks = Blocks.list();
        boolean exception = "exception_request".equals(kind);
        blocks.add(Blocks.header((exception ? "Exception request " : "Question ") + reference + " for " + teamName));
        List<String> about = new ArrayList<>();
        about.add("From " + person(requester) + " in " + Blocks.escape(channel == null ? "?" : channel));
        if (conversationLink != null && conversationLink.startsWith("https://")) {
            about.add("<" + conversationLink.replace("|", "%7C").replace(">", "%3E") + "|the conversation>");
        }
        blocks.add(Blocks.context(String.join(" \u00b7 ", about)));
        blocks.add(Blocks.section("*Question*\n" + Modals.quoted(question == null ? "" : question)));
        if (exceptionRequest != null) {
            blocks.add(Blocks.section("*What use of AI:* " + esc(exceptionRequest.aiUse())
                    + "\n*What data:* " + esc(exceptionRequest.dataInvolved())
                    + "\n*Why:* " + esc(exceptionRequest.justification())
                    + "\n*For how long:* " + esc(exceptionRequest.duration())));
        }
        if (!citedClauses.isEmpty()) {
            blocks.add(Blocks.context("The bot cited clause" + (citedClauses.size() == 1 ? " " : "s ")
                    + Blocks.escape(String.join(", ", citedClauses)) + " (policy v" + esc(policyVersion) + ")"));
        }
        if (reply != null && !reply.isBlank()) {
            blocks.add(Blocks.section("*Reply sent*\n" + Modals.quoted(reply)));
        }
        blocks.add(Blocks.context(status()));
        List<ObjectNode> buttons = new ArrayList<>();
        String value = Long.toString(id);
        if ("open".equals(state)) {
            buttons.add(Blocks.button(Actions.CLAIM, "Claim", value, "primary"));
        }
        if (!"closed".equals(state)) {
            buttons.add(Blocks.button(Actions.REPLY, "Reply", value, null));
            buttons.add(Blocks.button(Actions.CLOSE, "Close", value, null));
        }
        if (!buttons.isEmpty()) {
            blocks.add(Blocks.actions(BLOCK_ID, buttons.toArray(ObjectNode[]::new)));
        }
        return blocks;
    }

    String fallback() {
        return ("exception_request".equals(kind) ? "Exception request " : "Question ") + reference + " for " + teamName;
    }

    private String status() {
        StringBuilder s = new StringBuilder("*").append(switch (state == null ? "" : state) {
            case "open" -> "Open";
            case "claimed" -> "Claimed";
            case "answered" -> "Answered";
            case "closed" -> "Closed";
            default -> Blocks.escape(String.valueOf(state));
        }).append('*');
        if (claimedBy != null && !"open".equals(state)) {
            s.append(" by ").append(person(claimedBy));
        }
        if (flagged) {
            s.append(" \u00b7 nobody claimed it in time: posted again");
        }
        if (event != null && !"ticket.opened".equals(event)) {
            s.append(" \u00b7 ").append(switch (event) {
                case "ticket.reposted" -> "posted again";
                case "ticket.released" -> "given back to the team";
                case "ticket.reopened" -> "reopened";
                default -> Blocks.escape(event);
            });
        }
        if (note != null && !note.isBlank()) {
            s.append(": ").append(Blocks.escape(Blocks.cut(note, 500)));
        }
        return s.toString();
    }

    /** A Slack user id as a mention (Slack shows the name); anyone else as written. */
    private static String person(String who) {
        if (who == null) {
            return "someone";
        }
        return who.matches("[UW][A-Z0-9]+") ? "<@" + who + ">" : Blocks.escape(who);
    }

    private static String esc(String s) {
        return s == null || s.isBlank() ? "-" : Blocks.escape(s);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
