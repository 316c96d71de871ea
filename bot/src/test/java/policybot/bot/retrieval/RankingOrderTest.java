package policybot.bot.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import policybot.bot.understanding.ConceptMatch;
import policybot.bot.understanding.ConceptModel;
import policybot.bot.understanding.MessageReader;
import policybot.bot.understanding.SpellingCorrector;
import policybot.bot.understanding.Understanding;
import policybot.knowledge.Clause;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicySource;
import policybot.knowledge.ScoredClause;
import policybot.knowledge.Synonyms;

/**
 * The retriever's ranking (BM25 scores read without a priority queue, clauses put in order only
 * as far as they are read) is the whole ranking the plain way gives: every clause {@code
 * ClauseIndex.search} finds, scored, and stably sorted in document order. Checked element by
 * element for every development and team question, with and without pinned clauses, on the policy
 * and on the policy three times over (where every score is tied with two others).
 */
class RankingOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<List<String>> PINS = List.of(List.of(), List.of("2.2", "1.4", "2.2", "no-such-clause"),
            List.of("exceptions.1", "roles.1.1"));

    @Test
    void theRankingIsTheFullStableSortOnThePolicy() throws IOException {
        sameRankings(PolicySource.bundled(), questions(), PINS, 10_000);
    }

    @Test
    void theRankingIsTheFullStableSortWhenEveryScoreIsTied() throws IOException {
        PolicyDocument policy = PolicySource.bundled();
        List<Clause> copies = new ArrayList<>();
        for (int copy = 1; copy <= 3; copy++) {
            for (Clause c : policy.clauses()) {
                copies.add(new Clause(copy == 1 ? c.id() : c.id() + "~" + copy, c.sectionPath(), c.kind(), c.text(),
                        c.obligation(), c.principle(), c.context()));
            }
        }
        // every other question, one pinned list: the reference ranking is slow on three times the clauses
        List<String> questions = questions();
        List<String> some = new ArrayList<>();
        for (int i = 0; i < questions.size(); i += 2) {
            some.add(questions.get(i));
        }
        sameRankings(new PolicyDocument(policy.metadata(), copies), some, PINS.subList(1, 2), 10_000);
    }

    private static void sameRankings(PolicyDocument policy, List<String> questions, List<List<String>> pinLists,
                                     int atLeast) {
        MessageReader reader = new MessageReader(ConceptModel.bundled(), new SpellingCorrector(Set.of(), Set.of()));
        try (ClauseIndex index = new ClauseIndex(policy, Synonyms.bundled())) {
            Retriever retriever = new Retriever(index);
            int compared = 0;
            for (String text : questions) {
                Understanding u = reader.read(text);
                for (List<String> pins : pinLists) {
                    for (boolean strict : new boolean[] {true, false}) {
                        List<RankedClause> expected = plainRanking(index, u, pins, strict);
                        List<RankedClause> actual = retriever.rank(u, pins, strict);
                        assertEquals(expected.size(), actual.size(), text);
                        // read out of order first: a later element asked for before an earlier one
                        if (!actual.isEmpty()) {
                            assertEquals(expected.get(expected.size() - 1), actual.get(actual.size() - 1), text);
                        }
                        assertEquals(expected, List.copyOf(actual), text);
                        compared += expected.size();
                    }
                }
            }
            assertTrue(compared > atLeast, "compared " + compared + " ranked clauses");
        }
    }

    /** The ranking as it was first written: the search's hits, every clause scored, a stable sort. */
    private static List<RankedClause> plainRanking(ClauseIndex index, Understanding u, List<String> pinned, boolean strict) {
        Map<String, Double> lexical = new LinkedHashMap<>();
        List<ScoredClause> hits = index.search(u.correctedText());
        double top = hits.isEmpty() ? 0 : hits.get(0).score();
        for (ScoredClause hit : hits) {
            lexical.put(hit.clause().id(), top > 0 ? hit.score() / top : 0);
        }
        Set<String> questionWords = Retriever.termWords(u.words());
        List<RankedClause> ranked = new ArrayList<>();
        for (Clause clause : index.document().clauses()) {
            double words = lexical.getOrDefault(clause.id(), 0.0);
            double concepts = 0;
            for (ConceptMatch m : u.concepts()) {
                if (!m.absent()) {
                    concepts += m.concept().weightFor(clause.id());
                }
            }
            concepts *= Retriever.CONCEPT_WEIGHT;
            int pin = pinned.indexOf(clause.id());
            double pinScore = pin < 0 ? 0 : Retriever.PIN_WEIGHT - pin * (strict ? 1.0 : Retriever.SOFT_ORDER_STEP);
            if (words == 0 && concepts == 0 && pinScore == 0) {
                continue;
            }
            ranked.add(new RankedClause(clause, words, concepts, Retriever.kindScore(u.questionType(), clause, questionWords,
                    Retriever.principleNames(clause), Retriever.definitionTerm(clause)), pinScore));
        }
        ranked.sort(Comparator.comparingDouble(RankedClause::score).reversed());
        return ranked;
    }

    private static List<String> questions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String set : List.of("/eval/dev.jsonl", "/eval/team-questions.jsonl")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    RankingOrderTest.class.getResourceAsStream(set), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line).path("text").asText());
                    }
                }
            }
        }
        return out;
    }
}
