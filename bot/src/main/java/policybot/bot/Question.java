package policybot.bot;

import java.util.Optional;

/**
 * A message to the bot, from any channel.
 *
 * @param id           the caller's id for it, echoed in the answer (may be null)
 * @param text         what the person wrote
 * @param user         who wrote it, as the channel knows them (may be null)
 * @param channel      where it came from: cli, web, slack, teams (may be null)
 * @param conversation messages with the same conversation id are read as one conversation (may be null)
 */
public record Question(String id, String text, String user, String channel, String conversation) {
    /** Longer messages are refused: no policy question needs more, and it bounds the work per message. */
    public static final int MAX_LENGTH = 4000;

    public static Question of(String text) {
        return new Question(null, text, null, null, null);
    }

    /** Why the bot cannot take this message, if it cannot. */
    public Optional<String> problem() {
        if (text == null || text.isBlank()) {
            return Optional.of("the message has no text");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("the message is " + text.length() + " characters long; the limit is " + MAX_LENGTH
                    + ": please ask a shorter question");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return Optional.of(String.format("the message contains a control character (U+%04X)", (int) c));
            }
        }
        return Optional.empty();
    }
}
