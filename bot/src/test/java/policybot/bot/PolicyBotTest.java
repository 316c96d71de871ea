package policybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;
import policybot.bot.answer.AnswerKind;
import policybot.bot.conversation.ConversationMemory;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.MutableClock;
import policybot.knowledge.PolicySource;

class PolicyBotTest {
    private final PolicyBot bot = TestBots.bundled();

    @Test
    void anAnswerHasTheContractShape() throws Exception {
        Answer a = bot.answer(new Question("q-1", "can I upload a spreadsheet of staff phone numbers to ChatGPT?", null, null, null));
        JsonNode json = new ObjectMapper().readTree(AnswerJson.line(a));
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "kind", "verdict", "route", "confidence", "text", "citations", "policy_version"), fields);
        assertEquals("q-1", json.get("id").asText());
        assertEquals("answer", json.get("kind").asText());
        assertEquals("not_allowed", json.get("verdict").asText());
        assertEquals("1.2", json.get("policy_version").asText());
        JsonNode first = json.get("citations").get(0);
        assertEquals(List.of("clause", "section", "quote", "score"), iterate(first));
        assertTrue(a.text().contains(first.get("quote").asText()), "the text quotes the first clause");
        assertTrue(a.text().contains("Automated answer"), "the text carries the transparency notice");
        double confidence = json.get("confidence").asDouble();
        assertTrue(confidence > 0 && confidence <= 1);
    }

    /** Staff ask about "disciplinary" and "consequences"; the policy says "misconduct" (synonyms.txt). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "what are the consequences if a colleague breaches the AI policy?",
        "would it be a disciplinary issue if I ignored the AI rules?"})
    void breakingThePolicyIsAnsweredWithTheMisconductClause(String question) {
        Answer a = bot.answer(Question.of(question));
        assertEquals("appendix-1.accountability.rationale.5", a.citations().get(0).clause(), a.explanation().toString());
    }

    /** Staff's words for the policy's topics find the clause that speaks of them first. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // whose fault a mistake is: the member of staff takes responsibility for their actions
        "If Copilot botches a number in my board paper, whose fault is that?|4.2",
        "if Gemini made a mistake in the committee minutes, who answers for it?|4.2",
        // work outside the University: the policy covers University activities
        "does the policy cover AI I use for my freelance side hustle?|scope.1",
        // handing work over to AI: staff must keep the capability
        "we're handing over most report writing to Copilot - any downside in the long term?|underpinning.3",
        // a suggestion for the policy: its owner reviews and maintains it
        "please pass a suggestion on to the policy owner: it should say more about AI in email clients|roles.3.1",
        // what the policy is meant to do: let staff safely experiment
        "is the policy meant to let people try things out with AI?|purposes.2",
        // other policies to follow as well as this one
        "apart from this one, which uni policies apply when I use AI?|1.1",
        // people working on behalf of the University, and staff of its companies
        "as an emeritus professor, do I need to follow this?|scope.2",
        "Does the AI policy cover staff of our spin-out company?|scope.5",
        // the policy's own structure
        "What are the underpinning principles about?|underpinning.1",
        "which principles does the policy rest on?|statement.4",
        "who's meant to make sure staff in my directorate comply?|roles.5.1",
        // what the policy wants to achieve is its objectives, not a definition; who approves its changes
        "what is the university hoping to achieve with AI?|objectives.3",
        "who approves changes to this policy?|roles.1.1",
        // whether students may use a tool is for the student-use policy the statement points to
        "would students be allowed to use Copilot for their lab reports, or is that academic misconduct?|statement.3",
    })
    void staffWordsFindTheClauseThatSpeaksOfThem(String question, String clause) {
        Answer a = bot.answer(Question.of(question));
        assertEquals(clause, a.citations().get(0).clause(), a.explanation().toString());
    }

    /** Someone dealing with a chatbot must be able to know it is AI: the clauses on interacting with AI, not only notices. */
    @Test
    void peopleInteractingWithAChatbotAreAnsweredWithTheInteractionClauses() {
        Answer a = bot.answer(Question.of("our helpdesk bot answers staff queries - must people know they are chatting with a "
                + "bot rather than a human?"));
        List<String> cited = a.citations().stream().map(c -> c.clause()).toList();
        assertTrue(cited.contains("appendix-1.transparency.rationale.1") && cited.contains("5.1"), cited.toString());
    }

    @Test
    void aMessageTooLongOrEmptyIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bot.answer(Question.of("x".repeat(Question.MAX_LENGTH + 1))));
        assertTrue(e.getMessage().contains("limit"));
        assertTrue(Question.of(" ").problem().isPresent());
        assertTrue(Question.of("bell\u0007").problem().isPresent());
        assertTrue(Question.of("tab\tand\nnewline are fine").problem().isEmpty());
    }

    @Test
    void aFollowUpIsReadAgainstTheQuestionBeforeIt() {
        PolicyBot fresh = BotFactory.bundled();
        Answer first = fresh.answer(new Question("1", "can I put student email addresses into ChatGPT?", null, null, "c-1"));
        Answer followUp = fresh.answer(new Question("2", "what about Gemini?", null, null, "c-1"));
        Answer alone = fresh.answer(new Question("3", "what about Gemini?", null, null, "c-2"));
        assertEquals("not_allowed", first.verdict().wire());
        assertEquals("not_allowed", followUp.verdict() == null ? null : followUp.verdict().wire());
        assertEquals("2.2", followUp.citations().get(0).clause());
        assertNotEquals(AnswerJson.line(followUp.withId("x")), AnswerJson.line(alone.withId("x")));
    }

    @Test
    void aConversationIsForgottenAfterItsTimeToLive() {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        PolicyBot fresh = BotFactory.create(PolicySource.bundled(), RoutingTable.bundled(),
                new ConversationMemory(10, Duration.ofMinutes(30), clock));
        fresh.answer(new Question("1", "can I put student email addresses into ChatGPT?", null, null, "c"));
        clock.advance(Duration.ofMinutes(31));
        Answer late = fresh.answer(new Question("2", "what about Gemini?", null, null, "c"));
        assertEquals(null, late.verdict(), "an expired conversation gives the follow-up no context");
    }

    @Test
    void closelyCompetingClausesFromDifferentPartsAreBothShownAndSaidToBe() {
        policybot.knowledge.Clause a = bot.policy().clause("2.2").orElseThrow();
        policybot.knowledge.Clause b = bot.policy().clause("1.4").orElseThrow();
        var close = List.of(new policybot.bot.retrieval.RankedClause(a, 1.0, 0, 0, 0),
                new policybot.bot.retrieval.RankedClause(b, 0.97, 0, 0, 0));
        var apart = List.of(new policybot.bot.retrieval.RankedClause(a, 1.0, 0, 0, 0),
                new policybot.bot.retrieval.RankedClause(b, 0.5, 0, 0, 0));
        assertTrue(PolicyBot.ambiguous(close));
        assertTrue(!PolicyBot.ambiguous(apart));
        String text = new policybot.bot.answer.AnswerComposer(bot.policy().metadata())
                .answer(null, null, List.of(a, b), true);
        assertTrue(text.startsWith("Two parts of the policy"), text);
        assertTrue(text.contains(a.text()) && text.contains(b.text()));
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
