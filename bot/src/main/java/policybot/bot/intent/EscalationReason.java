package policybot.bot.intent;

/** Why a message goes to a person. */
public enum EscalationReason {
    /** A request to use AI outside the policy: the Exceptions section. */
    EXCEPTION_REQUEST,
    /** A challenge to a use of AI: the Contestability principle. */
    CHALLENGE,
    /** The person asked to talk to someone. */
    PERSON_REQUEST
}
