package policybot.bot.intent;

/** What a message asks of the bot. Decided before anything is looked up. */
public sealed interface Intent {
    /** Why it was classified so, for --explain. */
    String reason();

    /** Greetings, thanks, "what can you do". */
    record Help(String reason) implements Intent {
    }

    /**
     * The bot should not be the last word: a team gets it.
     *
     * @param concept the concept whose clauses govern it (exceptions, contestability), or null
     *                when the team's own clauses say why it is the one to ask
     */
    record Escalation(EscalationReason why, String team, String concept, String reason) implements Intent {
    }

    /** About AI, but a question the policy does not settle (licences, prices, how-to). */
    record NotSettled(String team, String reason) implements Intent {
    }

    /** Not about the policy's subject at all (leave, parking, general knowledge, writing tasks). */
    record OutOfScope(String reason) implements Intent {
    }

    /** A question the policy may answer. */
    record PolicyQuestion(String reason) implements Intent {
    }
}
