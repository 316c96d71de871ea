package policybot.bot.answer;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four kinds of reply the contract allows. */
public enum AnswerKind {
    /** Answered from the policy. */
    ANSWER("answer"),
    /** An exception request, a challenge to a use of AI, or a request for a person: a team gets it. */
    ESCALATION("escalation"),
    /** The policy does not cover it; logged for the policy team's review. */
    NO_ANSWER("no_answer"),
    /** Greetings, thanks, "what can you do". */
    HELP("help");

    private final String wire;

    AnswerKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
