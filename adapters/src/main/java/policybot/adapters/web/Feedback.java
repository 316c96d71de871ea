package policybot.adapters.web;

/**
 * A person's "Helpful" or "Not helpful" on one answer.
 *
 * @param questionId    the id the question was asked with (may be null)
 * @param question      the question's text, as asked
 * @param helpful       true for Helpful, false for Not helpful
 * @param comment       what they added (may be null)
 * @param policyVersion the policy version the answer they judged came from (may be null)
 * @param conversation  the conversation it was asked in (may be null)
 * @param user          who they are, as the channel knows them (may be null)
 * @param channel       where it came from (web)
 */
public record Feedback(String questionId, String question, boolean helpful, String comment, String policyVersion,
                       String conversation, String user, String channel) {
}
