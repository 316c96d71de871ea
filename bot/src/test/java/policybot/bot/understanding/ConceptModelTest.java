package policybot.bot.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import policybot.bot.routing.RoutingTable;
import policybot.knowledge.Clause;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicySource;

class ConceptModelTest {
    private final ConceptModel model = ConceptModel.bundled();
    private final PolicyDocument policy = PolicySource.bundled();

    @Test
    void everyClauseTheModelNamesExistsInThePolicy() {
        List<String> dangling = new ArrayList<>();
        for (Concept c : model.concepts()) {
            for (String selector : c.clauses().keySet()) {
                boolean found = policy.clauses().stream().map(Clause::id).anyMatch(id -> Concept.selects(selector, id));
                if (!found) {
                    dangling.add(c.key() + " -> " + selector);
                }
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyTeamTheModelNamesIsInTheRoutingTable() {
        RoutingTable routing = RoutingTable.bundled();
        for (Concept c : model.concepts()) {
            if (c.team() != null) {
                assertTrue(routing.team(c.team()).isPresent(), c.key() + " names team " + c.team());
            }
        }
        for (var team : routing.teams()) {
            for (String clause : team.clauses()) {
                assertTrue(policy.clause(clause).isPresent(), team.key() + " names clause " + clause);
            }
        }
    }

    @Test
    void phrasesMatchWholeWordsAndPrefixes() {
        List<ConceptMatch> m = model.match(Words.of("Recruiting via CVs and shortlisting"));
        assertTrue(m.stream().anyMatch(x -> x.concept().key().equals("recruitment")));
        assertFalse(model.match(Words.of("the names of the days")).isEmpty());
        assertTrue(model.match(Words.of("paragraph")).stream().noneMatch(x -> x.concept().key().equals("ai-tool")));
    }

    @Test
    void aNegationGovernsTheDataThatFollowsIt() {
        List<ConceptMatch> m = model.match(Words.of("a generic email with no names or personal details"));
        assertTrue(m.stream().filter(x -> x.concept().key().equals("personal-data")).allMatch(ConceptMatch::negated));
        List<ConceptMatch> ids = model.match(Words.of("student ID numbers (no names)"));
        assertTrue(ids.stream().anyMatch(x -> x.concept().key().equals("personal-data") && !x.negated()));
    }

    /** A later mention inside another concept's phrase is that concept's word too, not only the first mention. */
    @Test
    void aWordInsideAnotherConceptsLaterPhraseIsThatConcepts() {
        List<String> found = model.match(Words.of("is the EU AI Act relevant to our work with EU research partners"))
                .stream().map(m -> m.concept().key()).toList();
        assertTrue(found.contains("foreign-law"), found.toString());
        assertFalse(found.contains("contractors"), found.toString());
        // mentioned on its own elsewhere, the concept stays
        List<String> alsoAlone = model.match(Words.of("the EU AI Act and EU research partners, and a partner we pay"))
                .stream().map(m -> m.concept().key()).toList();
        assertTrue(alsoAlone.contains("contractors"), alsoAlone.toString());
    }

    /** Words staff use for things the policy names in its own words. */
    @Test
    void everydayWordsFindThePolicysConcepts() {
        assertFound("every engineer the image generator drew was a white man", "bias", "ai-tool");
        assertFound("a doctoral project doing sentiment analysis on forum threads", "research");
        assertFound("notes on a sprained ankle injury", "personal-data");
        assertFound("can we post it without saying a chatbot wrote it", "undisclosed");
        assertFound("what is the university hoping to achieve", "objectives");
        assertFound("is the policy really there to stop staff using chatbots", "innovation");
        assertFound("we reckon the benefits outweigh the risk", "exceptions");
    }

    private void assertFound(String message, String... keys) {
        List<String> found = model.match(Words.of(message)).stream().filter(m -> !m.absent())
                .map(m -> m.concept().key()).toList();
        for (String key : keys) {
            assertTrue(found.contains(key), message + " -> " + found);
        }
    }

    @Test
    void selectorsTakeStarsForAnyRun() {
        assertTrue(Concept.selects("appendix-1.*.related-hallam-values.*", "appendix-1.skills.related-hallam-values.2"));
        assertFalse(Concept.selects("roles.1.*", "roles.1"));
        assertTrue(Concept.selects("2.2", "2.2"));
    }
}
