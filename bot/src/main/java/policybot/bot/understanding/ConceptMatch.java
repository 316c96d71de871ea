package policybot.bot.understanding;

/** A concept found in a message: which phrase, at which word, and whether a negation stands just before it. */
public record ConceptMatch(Concept concept, Phrase phrase, int position, boolean negated) {
    /**
     * Whether the negation takes the concept away. Only data can be absent ("no names", "not
     * pasting any data"); "no names into ChatGPT" still names ChatGPT, and "without any label" is
     * still about labelling.
     */
    public boolean absent() {
        return negated && concept.group() == ConceptGroup.DATA;
    }
}
