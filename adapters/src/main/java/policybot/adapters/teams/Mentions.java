package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Entity;
import java.util.Map;

/**
 * The message without the bot's @mention. In a channel Teams delivers only messages that mention
 * the bot, as {@code "<at>PolicyBot</at> can I ..."}, with a mention entity naming the text.
 *
 * <p>Not the SDK's {@code Activity.removeRecipientMention()}: it passes the mention text to
 * {@code String.replaceAll} as a regular expression, so a bot named "Policy Bot (AI)" or "P.Bot"
 * is not removed (or removes the wrong text), and one with an unbalanced bracket throws. Nor its
 * {@code getMentions()}: an entity without a type throws there, and a mention entity with a field
 * its class does not know comes back as null (both found by fuzzing); the entities are read here as
 * the JSON they are, and whatever is not a mention of the bot is passed over.
 */
final class Mentions {
    private Mentions() {
    }

    static String withoutBotMention(Activity activity) {
        String text = activity.getText() == null ? "" : activity.getText();
        String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        if (botId != null && activity.getEntities() != null) {
            for (Entity e : activity.getEntities()) {
                if (e == null || !"mention".equalsIgnoreCase(e.getType())) {
                    continue;
                }
                Map<String, JsonNode> p = e.getProperties();
                JsonNode mentioned = p == null ? null : p.get("mentioned");
                if (mentioned == null || !botId.equals(mentioned.path("id").textValue())) {
                    continue;
                }
                String said = p.get("text") == null ? null : p.get("text").textValue();
                String name = mentioned.path("name").textValue();
                String shown = said != null && !said.isEmpty() ? said : name == null ? null : "<at>" + name + "</at>";
                if (shown != null) {
                    text = text.replace(shown, " ");
                }
            }
        }
        // Teams sends a non-breaking space after a mention.
        return text.replace('\u00a0', ' ').replace("&nbsp;", " ").strip().replaceAll("[ \\t]{2,}", " ");
    }
}
