package policybot.bot.escalation;

/**
 * What an exception request must say (the policy: exceptions are agreed by the DVC (Strategy and
 * Operations) and recorded).
 *
 * @param aiUse         what use of AI, with which tool
 * @param dataInvolved  what data it would touch
 * @param justification why the policy's way is not enough
 * @param duration      for how long
 */
public record ExceptionRequest(String aiUse, String dataInvolved, String justification, String duration) {
    public ExceptionRequest {
        if (aiUse == null || aiUse.isBlank()) {
            throw new IllegalArgumentException("an exception request must say what use of AI it is for");
        }
    }
}
