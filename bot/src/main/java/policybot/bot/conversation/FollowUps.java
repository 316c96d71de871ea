package policybot.bot.conversation;

import java.util.List;
import policybot.bot.understanding.WordRule;
import policybot.bot.understanding.Words;

/** Tells a follow-up ("what about Gemini?", "and for research data?") from a new question. */
public final class FollowUps {
    private static final WordRule OPENERS = WordRule.compile(
            "^(what|how) about\\b|^and (for|if|what|with|about|when|in|on)\\b|^what if\\b|^same (for|with|if)\\b"
                    + "|^or (for|with|if)\\b|^and\\b|^also\\b|^even (if|for|with)\\b|^but (what|if|for)\\b");
    private static final int SHORT = 6;

    private FollowUps() {
    }

    public static boolean isFollowUp(String message) {
        List<String> words = Words.of(message);
        return !words.isEmpty() && words.size() <= SHORT * 2 && OPENERS.find(String.join(" ", words));
    }

    /** The follow-up read as one question with the one before it. */
    public static String combine(String previous, String followUp) {
        return previous.strip() + " " + followUp.strip();
    }
}
