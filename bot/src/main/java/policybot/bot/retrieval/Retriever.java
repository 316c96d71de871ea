package policybot.bot.retrieval;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import policybot.bot.understanding.Concept;
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
    private final List<Clause> clauses;
    private final Map<String, Integer> ordinalById = new HashMap<>();
    /**
     * What each clause's principle and defined term come to as words (clause order): worked out
     * once here rather than for every clause of every question.
     */
    private final List<Set<String>> principleNames;
    private final List<Set<String>> definitionTerms;
    /**
     * What the question type adds to a clause depends only on the clause's kind, section,
     * principle and defined term: clauses alike in those (every copy of a repeated passage) share
     * a profile, and a question works the addition out once per profile, not once per clause.
     */
    private final int[] profileOf;
    private final int profiles;

    private record Profile(ClauseKind kind, String topSection, boolean hasPrinciple, Set<String> principleNames,
                           Set<String> definitionTerm) {
    }
    /**
     * Each concept's weight for each clause (clause order), worked out the first time the concept
     * is met: matching its selectors against every clause id for every question was a seventh of
     * an answer's time. Keyed by the concept's key, and checked to be the same concept.
     */
    private final Map<String, ConceptWeights> conceptWeights = new ConcurrentHashMap<>();

    private record ConceptWeights(Concept concept, double[] byClause) {
    }

    public Retriever(ClauseIndex index) {
        this.index = index;
        this.clauses = index.document().clauses();
        List<Set<String>> names = new ArrayList<>(clauses.size());
        List<Set<String>> terms = new ArrayList<>(clauses.size());
        for (Clause c : clauses) {
            ordinalById.put(c.id(), ordinalById.size());
            names.add(principleNames(c));
            terms.add(definitionTerm(c));
        }
        this.principleNames = names;
        this.definitionTerms = terms;
        Map<Profile, Integer> seen = new HashMap<>();
        profileOf = new int[clauses.size()];
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            Profile p = new Profile(c.kind(), c.topSection(), c.principle() != null, names.get(i), terms.get(i));
            profileOf[i] = seen.computeIfAbsent(p, k -> seen.size());
        }
        profiles = seen.size();
    }

    /**
     * @param pinnedClauses clauses a rule or a team names: they lead, in the order given
     * @param strictOrder   whether that order is binding (a verdict's settling clause first) or only a
     *                      preference that a clearly more relevant pinned clause may overrule
     */
    public List<RankedClause> rank(Understanding u, List<String> pinnedClauses, boolean strictOrder) {
        // BM25 per clause (document order); the best of them is what the others are a share of
        float[] bm25 = index.scores(u.correctedText());
        double top = 0;
        for (float s : bm25) {
            top = Math.max(top, s);
        }
        Set<String> questionWords = termWords(u.words());
        List<double[]> weights = new ArrayList<>();
        for (ConceptMatch m : u.concepts()) {
            if (!m.absent()) {
                weights.add(weightsOf(m.concept()));
            }
        }
        // a clause named twice keeps its first place, as indexOf would give
        double[] pins = pinnedClauses.isEmpty() ? null : new double[clauses.size()];
        for (int pin = pinnedClauses.size() - 1; pin >= 0; pin--) {
            Integer at = ordinalById.get(pinnedClauses.get(pin));
            if (at != null) {
                pins[at] = PIN_WEIGHT - pin * (strictOrder ? 1.0 : SOFT_ORDER_STEP);
            }
        }
        double[] kindByProfile = new double[profiles];
        boolean[] kindKnown = new boolean[profiles];
        Ranking ranked = new Ranking(clauses.size());
        for (int i = 0; i < clauses.size(); i++) {
            double words = top > 0 ? bm25[i] / top : 0;
            double concepts = conceptScore(weights, i);
            double pinned = pins == null ? 0 : pins[i];
            if (words == 0 && concepts == 0 && pinned == 0) {
                continue;
            }
            Clause clause = clauses.get(i);
            int profile = profileOf[i];
            if (!kindKnown[profile]) {
                kindByProfile[profile] = kindScore(u.questionType(), clause, questionWords, principleNames.get(i),
                        definitionTerms.get(i));
                kindKnown[profile] = true;
            }
            ranked.add(clause, words, concepts, kindByProfile[profile], pinned);
        }
        return ranked.sorted();
    }

    /**
     * The clauses a question reached, best first, ties in document order (as a stable sort of them
     * in document order gives), put in order only as far as they are read: an answer reads the
     * first few, and sorting every clause of a large policy cost more than the rest of the answer.
     */
    private static final class Ranking extends AbstractList<RankedClause> {
        private final Clause[] clause;
        private final double[] words;
        private final double[] concepts;
        private final double[] kind;
        private final double[] pinned;
        private final double[] score;
        private int size;
        /** A binary heap of candidate numbers, best on top; {@code taken} of them already moved to {@code sorted}. */
        private int[] heap;
        private int heapSize;
        private RankedClause[] sorted;
        private int taken;

        Ranking(int capacity) {
            clause = new Clause[capacity];
            words = new double[capacity];
            concepts = new double[capacity];
            kind = new double[capacity];
            pinned = new double[capacity];
            score = new double[capacity];
        }

        void add(Clause c, double w, double con, double k, double p) {
            clause[size] = c;
            words[size] = w;
            concepts[size] = con;
            kind[size] = k;
            pinned[size] = p;
            score[size] = w + con + k + p; // as RankedClause.score() adds them, in that order
            size++;
        }

        Ranking sorted() {
            heap = new int[size];
            for (int i = 0; i < size; i++) {
                heap[i] = i;
            }
            heapSize = size;
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
            sorted = new RankedClause[size];
            return this;
        }

        /** Whether candidate a comes before b: higher score, then earlier in the document. */
        private boolean before(int a, int b) {
            int c = Double.compare(score[a], score[b]);
            return c > 0 || c == 0 && a < b;
        }

        private void siftDown(int i) {
            while (true) {
                int best = i;
                int l = 2 * i + 1;
                int r = l + 1;
                if (l < heapSize && before(heap[l], heap[best])) {
                    best = l;
                }
                if (r < heapSize && before(heap[r], heap[best])) {
                    best = r;
                }
                if (best == i) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[best];
                heap[best] = t;
                i = best;
            }
        }

        @Override
        public synchronized RankedClause get(int index) {
            Objects.checkIndex(index, size);
            while (taken <= index) {
                int next = heap[0];
                heap[0] = heap[--heapSize];
                siftDown(0);
                sorted[taken++] = new RankedClause(clause[next], words[next], concepts[next], kind[next], pinned[next]);
            }
            return sorted[index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The concepts' weights for clause {@code i}, summed in the order the concepts were found. */
    private static double conceptScore(List<double[]> weights, int i) {
        double sum = 0;
        for (double[] w : weights) {
            sum += w[i];
        }
        return sum * CONCEPT_WEIGHT;
    }

    private double[] weightsOf(Concept concept) {
        ConceptWeights known = conceptWeights.get(concept.key());
        if (known != null && known.concept() == concept) {
            return known.byClause();
        }
        double[] w = new double[clauses.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = concept.weightFor(clauses.get(i).id());
        }
        conceptWeights.put(concept.key(), new ConceptWeights(concept, w));
        return w;
    }

    static double kindScore(QuestionType type, Clause clause, Set<String> questionWords, Set<String> principleNames,
                            Set<String> definitionTerm) {
        ClauseKind kind = clause.kind();
        boolean appendix = clause.topSection().startsWith("Appendix");
        // The body of the policy states each rule first; the appendix repeats it, so the body leads a tie.
        double body = appendix ? 0 : 0.05;
        double term = kind == ClauseKind.DEFINITION ? termCoverage(definitionTerm, questionWords) : 0;
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
                + principleNamed(clause, principleNames, questionWords);
    }

    /**
     * A question that names a principle ("what does the fairness principle say", "the point of
     * transparency") wants that principle's own statement first, then its other clauses.
     */
    static double principleNamed(Clause clause, Set<String> names, Set<String> questionWords) {
        if (clause.principle() == null) {
            return 0;
        }
        boolean named = false;
        for (String name : names) {
            named |= questionWords.contains(name);
        }
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
    static double termCoverage(Set<String> term, Set<String> questionWords) {
        if (term.isEmpty()) {
            return 0;
        }
        long named = 0;
        for (String w : term) {
            named += questionWords.contains(w) ? 1 : 0;
        }
        return (double) named / term.size();
    }

    /** The words that name a clause's principle (none without one). */
    static Set<String> principleNames(Clause clause) {
        if (clause.principle() == null) {
            return Set.of();
        }
        Set<String> names = termWords(Words.of(clause.principle()));
        names.removeAll(Set.of("and", "of", "university", "data", "safety", "security"));
        return names;
    }

    /** The words of the term a definition defines (its section path's second heading); none for a clause without one. */
    static Set<String> definitionTerm(Clause definition) {
        if (definition.sectionPath().size() < 2) {
            return Set.of();
        }
        return termWords(Words.of(definition.sectionPath().get(1)));
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
