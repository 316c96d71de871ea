package policybot.bot;

import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicyFormatException;
import policybot.knowledge.Synonyms;
import policybot.knowledge.VerbatimCheck;

/**
 * Installs a new version of the policy into a running bot: parse and check it, build its index,
 * then swap. A document that does not have the policy's structure is refused with the parser's
 * report and the old version stays live.
 */
public final class PolicyUpdates {
    private PolicyUpdates() {
    }

    /** The installed version; throws {@link PolicyFormatException} and changes nothing if the text is refused. */
    public static PolicyDocument install(PolicyBot bot, String documentText) {
        return install(bot, documentText, java.util.Map.of());
    }

    /** As {@link #install(PolicyBot, String)}, with the alternate questions the policy team added for it. */
    public static PolicyDocument install(PolicyBot bot, String documentText,
                                         java.util.Map<String, java.util.List<String>> alternates) {
        PolicyDocument policy = VerbatimCheck.parseChecked(documentText);
        if (policy.clauses().isEmpty()) {
            throw new PolicyFormatException("the document has no clauses");
        }
        bot.install(new ClauseIndex(policy, Synonyms.bundled(), alternates));
        return policy;
    }

    /** Re-indexes the live version with a new set of alternate questions (no re-parse needed). */
    public static void reindex(PolicyBot bot, java.util.Map<String, java.util.List<String>> alternates) {
        bot.install(new ClauseIndex(bot.policy(), Synonyms.bundled(), alternates));
    }
}
