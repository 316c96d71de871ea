package policybot.bot.retrieval;

import policybot.knowledge.Clause;

/**
 * A clause ranked for a question, with the parts of its score kept apart so they can be explained.
 *
 * @param clause   the clause
 * @param lexical  its BM25 score as a share of the best BM25 score for the question (0..1)
 * @param concepts what the question's concepts add
 * @param kind     what the question type adds for this kind of clause
 * @param pinned   what a verdict rule or a team adds to the clauses it names
 */
public record RankedClause(Clause clause, double lexical, double concepts, double kind, double pinned) {
    public double score() {
        return lexical + concepts + kind + pinned;
    }

    public String explain() {
        return String.format(java.util.Locale.ROOT, "%s = %.3f (words %.3f + concepts %.3f + question type %.3f + rule %.3f)",
                clause.id(), score(), lexical, concepts, kind, pinned);
    }
}
