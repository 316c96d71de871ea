package policybot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClauseIndexTest {
    private static ClauseIndex index;

    @BeforeAll
    static void build() {
        index = new ClauseIndex(PolicySource.bundled(), Synonyms.bundled());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void aKnownQueryFindsItsClauseFirst() {
        assertEquals("2.2", index.search("upload personal data to public AI services").get(0).clause().id());
        assertEquals("1.4", index.search("obtain ethical approval for research").get(0).clause().id());
        assertEquals("definitions.generative-artificial-intelligence.1",
                index.search("generating human-like text images").get(0).clause().id());
    }

    @Test
    void resultsAreScoredBestFirst() {
        List<ScoredClause> hits = index.search("confidential information public AI");
        assertTrue(hits.size() > 3);
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
    }

    @Test
    void synonymsAddThePolicysWordsBelowThePersonsOwn() {
        Map<String, Float> terms = index.terms("chatgpt");
        assertEquals(1.0f, terms.get("chatgpt"));
        assertTrue(terms.get("public") < 1.0f, terms.toString());
        assertTrue(terms.containsKey("servic"), terms.toString());
        // "Gemini" is not a word of the policy: only the synonyms take it to public AI services.
        assertTrue(index.search("Gemini").stream().limit(3)
                .anyMatch(h -> h.clause().id().equals("definitions.public-ai-services.1")), index.search("Gemini").toString());
    }

    @Test
    void stopWordsKeepThePolicysNot() {
        assertTrue(index.terms("must not upload").containsKey("not"));
        assertTrue(!index.terms("can I do it").containsKey("can"));
    }

    @Test
    void aQuestionWithNoUsefulWordsFindsNothing() {
        assertEquals(List.of(), index.search("can I do it?"));
    }

    @Test
    void theIndexBuildsWellUnderASecond() {
        PolicyDocument policy = PolicySource.bundled();
        long start = System.nanoTime();
        try (ClauseIndex fresh = new ClauseIndex(policy, Synonyms.bundled())) {
            assertEquals("2.3", fresh.search("upload confidential information to public AI services").get(0).clause().id());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "index build took " + millis + " ms");
    }
}
