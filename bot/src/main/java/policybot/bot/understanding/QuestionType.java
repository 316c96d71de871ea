package policybot.bot.understanding;

/** What kind of answer a question wants; each prefers some kinds of clause. */
public enum QuestionType {
    /** "can I / may I / is it ok / am I allowed": obligations settle it, and it may get a verdict. */
    PERMISSION,
    /** "do I need to / must I / am I obliged to": obligations answer it, but it asks for no verdict. */
    OBLIGATION,
    /** "what is / what counts as / what does X mean": definitions and principle statements. */
    DEFINITION,
    /** "who": roles, exceptions, the document's owner and approver. */
    WHO,
    /** "why": the Appendix 1 rationales and principle statements. */
    WHY,
    /** Anything else: "what should I consider", "does the policy say anything about". */
    GENERAL
}
