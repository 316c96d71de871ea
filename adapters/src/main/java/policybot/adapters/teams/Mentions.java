package policybot.adapters.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Mention;

/**
 * The message without the bot's @mention. In a channel Teams delivers only messages that mention
 * the bot, as {@code "<at>PolicyBot</at> can I ..."}, with a mention entity naming the text.
 *
 * <p>Not the SDK's {@code Activity.removeRecipientMention()}: it passes the mention text to
 * {@code String.replaceAll} as a regular expression, so a bot named "Policy Bot (AI)" or "P.Bot"
 * is not removed (or removes the wrong text), and one with an unbalanced bracket throws.
 */
final class Mentions {
    private Mentions() {
    }

    static String withoutBotMention(Activity activity) {
        String text = activity.getText() == null ? "" : activity.getText();
        String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        if (botId != null) {
            for (Mention m : activity.getMentions()) {
                if (m.getMentioned() == null || !botId.equals(m.getMentioned().getId())) {
                    continue;
                }
                String shown = m.getText() != null && !m.getText().isEmpty() ? m.getText()
                        : "<at>" + m.getMentioned().getName() + "</at>";
                text = text.replace(shown, " ");
            }
        }
        // Teams sends a non-breaking space after a mention.
        return text.replace('\u00a0', ' ').replace("&nbsp;", " ").strip().replaceAll("[ \\t]{2,}", " ");
    }
}
