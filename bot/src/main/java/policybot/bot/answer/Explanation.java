package policybot.bot.answer;

import java.util.List;
import java.util.Map;

/**
 * Why the bot answered as it did, step by step: what it read, which rules fired, how the top
 * clauses scored. Deterministic like the answer itself.
 *
 * @param corrections  misspelt word -> the word it was read as
 * @param concepts     the concepts found (a leading "!" marks a negated one)
 * @param questionType the kind of question
 * @param intent       how the message was classified, and why
 * @param verdictRule  the verdict rule that fired, or null
 * @param ranking      the top clauses with the parts of their score
 */
public record Explanation(Map<String, String> corrections, List<String> concepts, String questionType,
                          String intent, String verdictRule, List<String> ranking) {
    public Explanation {
        corrections = Map.copyOf(corrections);
        concepts = List.copyOf(concepts);
        ranking = List.copyOf(ranking);
    }
}
