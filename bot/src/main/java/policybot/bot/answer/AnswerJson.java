package policybot.bot.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ask contract's JSON for an answer or an error: one line, fixed field order. */
public final class AnswerJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.INDENT_OUTPUT, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private AnswerJson() {
    }

    public static String line(Answer answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

    /** {@code {"id": <id or null>, "error": "<why>"}}. */
    public static String error(String id, String why) {
        ObjectNode node = JSON.createObjectNode();
        if (id == null) {
            node.putNull("id");
        } else {
            node.put("id", id);
        }
        node.put("error", why);
        return node.toString();
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
