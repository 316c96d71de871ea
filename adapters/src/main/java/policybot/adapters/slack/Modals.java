package policybot.adapters.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import policybot.bot.escalation.Escalation;
import policybot.bot.routing.Team;

/** The modals: ask a specialist (with the exception request's fields), why not helpful, a specialist's reply. */
final class Modals {
    static final String TEAM = "team";
    static final String QUESTION = "question";
    static final String DETAILS = "details";
    static final String AI_USE = "ai_use";
    static final String DATA = "data_involved";
    static final String WHY = "justification";
    static final String DURATION = "duration";
    static final String REASON = "reason";
    static final String REPLY = "reply";
    /** Slack's limit for a text input. */
    static final int INPUT_MAX = 3000;
    static final int DETAILS_MAX = 2000;

    private Modals() {
    }

    /**
     * Ask a specialist: the team pre-selected by the answer's route, the question pre-filled; for
     * the exceptions team, the exception request's four fields. Changing the team redraws it.
     */
    static ObjectNode escalate(List<Team> teams, String teamKey, String question, String details, String metadata) {
        boolean exception = Escalation.EXCEPTIONS_TEAM.equals(teamKey);
        ObjectNode view = modal(Actions.ESCALATE_VIEW, exception ? "Request an exception" : "Ask a specialist",
                "Send", metadata);
        ArrayNode blocks = view.putArray("blocks");
        ObjectNode select = element("static_select", TEAM);
        ArrayNode options = select.putArray("options");
        for (Team t : teams) {
            ObjectNode o = option(t);
            options.add(o);
            if (t.key().equals(teamKey)) {
                select.set("initial_option", o.deepCopy());
            }
        }
        ObjectNode teamBlock = input(TEAM, "Team", select, false);
        teamBlock.put("dispatch_action", true);
        teamBlock.set("hint", Blocks.plain("The bot chose this from your question; change it if another team fits better."));
        blocks.add(teamBlock);
        blocks.add(input(QUESTION, "Your question", text(QUESTION, question, INPUT_MAX, true), false));
        blocks.add(input(DETAILS, "Anything else the team should know", text(DETAILS, details, DETAILS_MAX, true), true));
        if (exception) {
            blocks.add(input(AI_USE, "What use of AI, with which tool", text(AI_USE, null, DETAILS_MAX, true), false));
            blocks.add(input(DATA, "What data it would involve", text(DATA, null, DETAILS_MAX, true), false));
            blocks.add(input(WHY, "Why the policy's way is not enough", text(WHY, null, DETAILS_MAX, true), false));
            blocks.add(input(DURATION, "For how long", text(DURATION, null, 200, false), false));
        }
        blocks.add(Blocks.context("The team gets your question, the bot's answer and a link to this conversation, "
                + "and replies to you here in Slack. You get a ticket number once it is recorded."));
        return view;
    }

    /** "Not helpful": an optional reason, kept (redacted) for the policy team's review. */
    static ObjectNode notHelpful(String key) {
        ObjectNode view = modal(Actions.NOT_HELPFUL_VIEW, "Not helpful", "Send", key);
        ArrayNode blocks = view.putArray("blocks");
        blocks.add(input(REASON, "What was wrong or missing? (optional)", text(REASON, null, DETAILS_MAX, true), true));
        blocks.add(Blocks.context("The policy team reviews answers marked not helpful. Leave out personal details."));
        return view;
    }

    /** A specialist's reply to a ticket: relayed to the requester where they asked. */
    static ObjectNode reply(String reference, String question, String metadata) {
        ObjectNode view = modal(Actions.REPLY_VIEW, "Reply to " + reference, "Send reply", metadata);
        ArrayNode blocks = view.putArray("blocks");
        blocks.add(Blocks.section("*Question*\n" + quoted(question)));
        blocks.add(input(REPLY, "Your reply (sent to the person who asked)", text(REPLY, null, INPUT_MAX, true), false));
        return view;
    }

    /** What a submitted modal turns into: the outcome, with only a Close button. */
    static ObjectNode done(String title, String mrkdwn) {
        ObjectNode view = Blocks.JSON.createObjectNode();
        view.put("type", "modal");
        view.set("title", Blocks.plain(Blocks.cut(title, 24)));
        view.set("close", Blocks.plain("Close"));
        view.putArray("blocks").add(Blocks.section(mrkdwn));
        return view;
    }

    static String quoted(String text) {
        return "&gt; " + Blocks.escape(Blocks.cut(text, 2800)).replace("\n", "\n&gt; ");
    }

    private static ObjectNode modal(String callbackId, String title, String submit, String metadata) {
        ObjectNode view = Blocks.JSON.createObjectNode();
        view.put("type", "modal");
        view.put("callback_id", callbackId);
        view.set("title", Blocks.plain(Blocks.cut(title, 24)));
        view.set("submit", Blocks.plain(submit));
        view.set("close", Blocks.plain("Cancel"));
        view.put("private_metadata", metadata == null ? "" : metadata);
        return view;
    }

    private static ObjectNode option(Team t) {
        ObjectNode o = Blocks.JSON.createObjectNode();
        o.set("text", Blocks.plain(Blocks.cut(t.name(), Blocks.OPTION_TEXT_MAX)));
        o.set("description", Blocks.plain(Blocks.cut(t.covers(), Blocks.OPTION_TEXT_MAX)));
        o.put("value", t.key());
        return o;
    }

    private static ObjectNode element(String type, String actionId) {
        ObjectNode e = Blocks.JSON.createObjectNode();
        e.put("type", type);
        e.put("action_id", actionId);
        return e;
    }

    private static ObjectNode text(String actionId, String initial, int max, boolean multiline) {
        ObjectNode e = element("plain_text_input", actionId);
        e.put("multiline", multiline);
        e.put("max_length", max);
        if (initial != null && !initial.isBlank()) {
            e.put("initial_value", Blocks.cut(initial, max));
        }
        return e;
    }

    private static ObjectNode input(String blockId, String label, ObjectNode element, boolean optional) {
        ObjectNode b = Blocks.JSON.createObjectNode();
        b.put("type", "input");
        b.put("block_id", blockId);
        b.set("label", Blocks.plain(label));
        b.set("element", element);
        b.put("optional", optional);
        return b;
    }
}
