package policybot.bot.review;

/** Why a question is in the review queue. */
public enum ReviewReason {
    /** The bot said the policy does not cover it. */
    NO_ANSWER,
    /** The bot answered, but with a confidence under the threshold. */
    LOW_CONFIDENCE,
    /** Someone said the answer did not help. */
    NOT_HELPFUL
}
