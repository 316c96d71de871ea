package policybot.adapters.slack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * A message to the bot as the Events API delivers it ({@code app_mention}, or {@code message}
 * without a subtype), the fields the bot reads. Both the HTTP endpoint's reading of the JSON and
 * Bolt's (Socket Mode) come to this, so both are answered by the same code.
 */
record SlackMessage(Kind kind, String eventId, String user, String botId, String channel, String channelType, String ts,
                    String threadTs, String text) {

    enum Kind { MENTION, MESSAGE }

    private static final ObjectMapper JSON = new ObjectMapper();

    static SlackMessage of(String eventId, AppMentionEvent e) {
        return new SlackMessage(Kind.MENTION, eventId, e.getUser(), e.getBotId(), e.getChannel(), null, e.getTs(),
                e.getThreadTs(), e.getText());
    }

    static SlackMessage of(String eventId, MessageEvent e) {
        return new SlackMessage(Kind.MESSAGE, eventId, e.getUser(), e.getBotId(), e.getChannel(), e.getChannelType(),
                e.getTs(), e.getThreadTs(), e.getText());
    }

    /**
     * The message an Events API request carries, when it is one the bot answers; empty for anything
     * else (a URL verification, interactivity, a command, another event, a message with a subtype
     * such as an edit), which Bolt reads and routes. Read once, with one shared mapper: Bolt builds a
     * new Gson for each request and reads an event twice, a tenth of the server's processor under a
     * burst of questions (docs/performance.md).
     *
     * @throws IOException the body is not JSON
     */
    static Optional<SlackMessage> read(byte[] body) throws IOException {
        if (body.length == 0 || body[0] != '{') {
            return Optional.empty(); // a form: a command or an interaction
        }
        JsonNode root;
        try (JsonParser p = JSON.createParser(body)) {
            root = p.readValueAsTree();
            if (root == null || p.nextToken() != null) {
                throw new IOException("not one JSON value");
            }
        }
        if (!root.path("type").asText("").equals("event_callback")) {
            return Optional.empty();
        }
        JsonNode e = root.path("event");
        String type = e.path("type").asText("");
        Kind kind = switch (type) {
            case "app_mention" -> Kind.MENTION;
            case "message" -> Kind.MESSAGE;
            default -> null;
        };
        if (kind == null || kind == Kind.MESSAGE && e.hasNonNull("subtype")) {
            return Optional.empty();
        }
        return Optional.of(new SlackMessage(kind, text(root, "event_id"), text(e, "user"), text(e, "bot_id"),
                text(e, "channel"), text(e, "channel_type"), text(e, "ts"), text(e, "thread_ts"), text(e, "text")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
