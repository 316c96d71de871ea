package policybot.adapters.web;

/**
 * "Ask a specialist": a person wants someone to take their question up.
 *
 * @param questionId    the id the question was asked with (may be null)
 * @param question      the question's text, as asked
 * @param contact       how the specialist can reach them (an e-mail address, a phone number, a Teams name):
 *                      personal data, never logged
 * @param details       what else they want to say (may be null)
 * @param suggestedTeam the team key the bot's answer routed to, if it named one (may be null); the
 *                      escalation service decides the team, this is only what the person was shown
 * @param conversation  the conversation it was asked in (may be null)
 * @param user          who they are, as the channel knows them (may be null)
 * @param channel       where it came from (web)
 */
public record EscalationRequest(String questionId, String question, String contact, String details,
                                String suggestedTeam, String conversation, String user, String channel) {

    /** The contact is personal data: it must not reach a log through a record's default toString. */
    @Override
    public String toString() {
        return "EscalationRequest[questionId=" + questionId + ", suggestedTeam=" + suggestedTeam + ", channel="
                + channel + ", contact=<redacted>]";
    }
}
