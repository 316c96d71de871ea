package policybot.bot.verdict;

import java.util.List;
import java.util.function.Predicate;
import policybot.bot.answer.Verdict;
import policybot.bot.understanding.Understanding;

/**
 * One thing the policy settles: when it applies, what it decides, the clauses that settle it
 * (cited first, in this order) and, for a conditional yes, the conditions in plain words.
 */
public record VerdictRule(String name, Predicate<Understanding> when, Verdict verdict, List<String> settledBy,
                          String conditions) {
    public VerdictRule {
        settledBy = List.copyOf(settledBy);
    }
}
