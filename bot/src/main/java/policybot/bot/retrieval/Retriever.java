package policybot.bot.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import policybot.bot.understanding.ConceptMatch;
import policybot.bot.understanding.QuestionType;
import policybot.bot.understanding.Understanding;
import policybot.bot.understanding.Words;
import policybot.knowledge.Clause;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.ClauseKind;
import policybot.knowledge.ScoredClause;

/**
 * Ranks the policy's clauses for a question in two steps, as a search engine does: BM25 over the
 * words (the index), then a re-ranking that adds what the concepts say governs the question, what
 * its type prefers, and what a fired rule pins. Every clause the concepts point to is a candidate
 * even when it shares no word with the question.
 */
public final class Retriever {
    /** How much one unit of concept weight counts against the best lexical match (1.0). */
    static final double CONCEPT_WEIGHT = 0.22;
    /**
     * What a verdict rule's or a team's own clauses get: enough to lead any other clause, in the
     * order the rule names them.
     */
    static final double PIN_WEIGHT = 10.0;
    /** With a preferred (not binding) order, each later pinned clause gives up this much. */
    static final double SOFT_ORDER_STEP = 0.25;

    private final ClauseIndex index;

    public Retriever(ClauseIndex index) {
        this.index = index;
    }

    /**
     * @param pinnedClauses clauses a rule or a team names: they lead, in the order given
     * @param strictOrder   whether that order is binding (a verdict's settling clause first) or only a
     *                      preference that a clearly more relevant pinned clause may overrule
     */
    public List<RankedClause> rank(Understanding u, List<String> pinnedClauses, boolean strictOrder) {
        Map<String, Double> lexical = new LinkedHashMap<>();
        List<ScoredClause> hits = index.search(u.correctedText());
        double top = hits.isEmpty() ? 0 : hits.get(0).score();
        for (ScoredClause hit : hits) {
            lexical.put(hit.clause().id(), top > 0 ? hit.score() / top : 0);
        }
        Set<String> questionWords = termWords(u.words());
        List<RankedClause> ranked = new ArrayList<>();
        for (Clause clause : index.document().clauses()) {
            double words = lexical.getOrDefault(clause.id(), 0.0);
            double concepts = conceptScore(u, clause);
            int pin = pinnedClauses.indexOf(clause.id());
            double pinned = pin < 0 ? 0 : PIN_WEIGHT - pin * (strictOrder ? 1.0 : SOFT_ORDER_STEP);
            if (words == 0 && concepts == 0 && pinned == 0) {
                continue;
            }
            ranked.add(new RankedClause(clause, words, concepts, kindScore(u.questionType(), clause, questionWords), pinned));
        }
        // Ties keep document order: the sort is stable and the list was built in document order.
        ranked.sort(Comparator.comparingDouble(RankedClause::score).reversed());
        return ranked;
    }

    private static double conceptScore(Understanding u, Clause clause) {
        double sum = 0;
        for (ConceptMatch m : u.concepts()) {
            if (!m.absent()) {
                sum += m.concept().weightFor(clause.id());
            }
        }
        return sum * CONCEPT_WEIGHT;
    }

    static double kindScore(QuestionType type, Clause clause, Set<String> questionWords) {
        ClauseKind kind = clause.kind();
        boolean appendix = clause.topSection().startsWith("Appendix");
        // The body of the policy states each rule first; the appendix repeats it, so the body leads a tie.
        double body = appendix ? 0 : 0.05;
        double term = kind == ClauseKind.DEFINITION ? termCoverage(clause, questionWords) : 0;
        return body + switch (type) {
            case PERMISSION, OBLIGATION -> kind == ClauseKind.OBLIGATION ? 0.25 : 0.2 * term * term;
            case DEFINITION -> kind == ClauseKind.DEFINITION ? 0.15 + 0.5 * term * term
                    : kind == ClauseKind.PRINCIPLE ? 0.2 : 0;
            case WHO -> kind == ClauseKind.DUTY ? 0.35 : kind == ClauseKind.ROLE ? 0.1
                    : kind == ClauseKind.METADATA || clause.topSection().equals("Exceptions") ? 0.25 : 0;
            case WHY -> kind == ClauseKind.RATIONALE ? 0.35 : kind == ClauseKind.PRINCIPLE ? 0.15 : 0;
            case GENERAL -> (kind == ClauseKind.OBLIGATION ? 0.1 : 0) + 0.2 * term * term;
        } - (kind == ClauseKind.VALUE || kind == ClauseKind.DOCUMENT || kind == ClauseKind.METADATA ? 0.15 : 0)
                - (kind == ClauseKind.OUTLINE ? 0.4 : 0)
                + principleNamed(clause, questionWords);
    }

    /**
     * A question that names a principle ("what does the fairness principle say", "the point of
     * transparency") wants that principle's own statement first, then its other clauses.
     */
    static double principleNamed(Clause clause, Set<String> questionWords) {
        if (clause.principle() == null) {
            return 0;
        }
        Set<String> names = termWords(Words.of(clause.principle()));
        names.removeAll(Set.of("and", "of", "university", "data", "safety", "security"));
        boolean named = names.stream().anyMatch(questionWords::contains);
        if (!named) {
            return 0;
        }
        return clause.kind() == ClauseKind.PRINCIPLE ? 0.3 : 0.05;
    }

    /**
     * How much of a definition's term the question names: "intellectual property" names all of
     * "Intellectual property" but two thirds of "Intellectual Property Rights". "AI" counts as
     * "artificial intelligence", as the policy's own first definition says.
     */
    static double termCoverage(Clause definition, Set<String> questionWords) {
        if (definition.sectionPath().size() < 2) {
            return 0;
        }
        Set<String> term = termWords(Words.of(definition.sectionPath().get(1)));
        if (term.isEmpty()) {
            return 0;
        }
        long named = term.stream().filter(questionWords::contains).count();
        return (double) named / term.size();
    }

    /** Words with "ai" spelt out and plurals folded, for comparing terms with questions. */
    static Set<String> termWords(List<String> words) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words) {
            if (w.equals("info")) {
                out.add("information");
            } else if (w.equals("ai")) {
                out.add("artificial");
                out.add("intelligence");
            } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
                out.add(w.substring(0, w.length() - 1));
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
