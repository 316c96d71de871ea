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
        PolicyDocument policy = VerbatimCheck.parseChecked(documentText);
        if (policy.clauses().isEmpty()) {
            throw new PolicyFormatException("the document has no clauses");
        }
        bot.install(new ClauseIndex(policy, Synonyms.bundled()));
        return policy;
    }
}
