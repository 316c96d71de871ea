package policybot.bot.understanding;

/** A concept found in a message: which phrase, at which word, and whether a negation governs it. */
public record ConceptMatch(Concept concept, Phrase phrase, int position, boolean negated) {
}
