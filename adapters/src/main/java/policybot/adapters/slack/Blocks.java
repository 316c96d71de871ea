package policybot.adapters.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Block Kit, written as JSON: the blocks are built here and sent as they are, so what a test
 * reads off the fake Web API is exactly what this class wrote. Limits are Slack's.
 */
final class Blocks {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int BUTTON_TEXT_MAX = 75;
    static final int OPTION_TEXT_MAX = 75;

    private Blocks() {
    }

    static ArrayNode list() {
        return JSON.createArrayNode();
    }

    /** Slack's mrkdwn treats these three as markup: anything a person or the policy wrote is escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static ObjectNode plain(String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "plain_text");
        n.put("text", text);
        n.put("emoji", false);
        return n;
    }

    static ObjectNode mrkdwn(String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "mrkdwn");
        n.put("text", text);
        return n;
    }

    static ObjectNode header(String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "header");
        n.set("text", plain(cut(text, HEADER_MAX)));
        return n;
    }

    static ObjectNode section(String mrkdwn) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "section");
        n.set("text", mrkdwn(cut(mrkdwn, SECTION_MAX)));
        return n;
    }

    static ObjectNode context(String mrkdwn) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "context");
        n.putArray("elements").add(mrkdwn(cut(mrkdwn, SECTION_MAX)));
        return n;
    }

    /** A quote block: Slack's rich text quote, so the clause is shown as the policy's words, unformatted. */
    static ObjectNode quote(String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "rich_text");
        ObjectNode q = n.putArray("elements").addObject();
        q.put("type", "rich_text_quote");
        ObjectNode t = q.putArray("elements").addObject();
        t.put("type", "text");
        t.put("text", text);
        return n;
    }

    static ObjectNode actions(String blockId, ObjectNode... buttons) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "actions");
        n.put("block_id", blockId);
        ArrayNode elements = n.putArray("elements");
        for (ObjectNode b : buttons) {
            elements.add(b);
        }
        return n;
    }

    static ObjectNode button(String actionId, String text, String value, String style) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "button");
        n.put("action_id", actionId);
        n.set("text", plain(cut(text, BUTTON_TEXT_MAX)));
        n.put("value", value);
        if (style != null) {
            n.put("style", style);
        }
        return n;
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "\u2026";
    }

    static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("blocks could not be written", e);
        }
    }
}
