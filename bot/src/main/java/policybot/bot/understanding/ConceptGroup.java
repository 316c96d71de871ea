package policybot.bot.understanding;

/** What kind of thing a concept is. Markers qualify other concepts ("automatically", "no names"). */
public enum ConceptGroup {
    DATA, SERVICE, ACTIVITY, PERSON, TOPIC, MARKER;

    /** Whether a message that has a concept of this group is about the policy's subject at all. */
    public boolean makesRelevant() {
        return this != ACTIVITY && this != MARKER;
    }
}
