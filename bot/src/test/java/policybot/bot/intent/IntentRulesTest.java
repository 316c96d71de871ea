package policybot.bot.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.TestBots;
import policybot.bot.answer.Answer;

class IntentRulesTest {
    private final PolicyBot bot = TestBots.bundled();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "good morning|help|-",
            "thank you so much|help|-",
            "Cheers, that makes sense and clears it up|help|-",
            "noted, that answered my questions|help|-",
            "what do you do?|help|-",
            "we'd like an exemption so our lab can trial an AI tool outside the policy|escalation|exceptions",
            "I want to challenge the AI scoring used on my grant application|escalation|policy-owner",
            "could I speak with the data protection officer about an AI transcription pilot?|escalation|information-governance",
            "please put me in touch with Legal Services about AI and copyright|escalation|legal-services",
            "I'd like to talk to someone about the security of an AI plugin|escalation|it-security",
            "how do I book annual leave?|no_answer|-",
            "what's a good recipe for flapjack?|no_answer|-",
            "how much does a Gemini licence cost per user?|no_answer|-",
            "is there a campus licence for Claude yet?|no_answer|-",
            "what's the word limit for prompts in Copilot?|no_answer|-",
            "can I claim my Claude Pro subscription back on expenses?|no_answer|-",
            "what can you really do?|help|-",
            "could someone from IT Security get in touch about an AI browser plugin?|escalation|it-security",
            // what the policy says about a worry is a question for it, not a challenge
            "a colleague thinks we shouldn't use AI for trivial things - does the policy say anything about that?|answer|-",
            "is there a register of approved AI apps?|no_answer|-",
            // something that happened to data: the data's team, when it is the policy's business at all
            "I uploaded a colleague's sick note to Gemini by mistake - who should I report it to?|escalation|information-governance",
            "who do I report a broken window to?|no_answer|-",
            "I believe an AI tool marked my appeal unfairly and I want to contest it|escalation|policy-owner",
            "does this apply to visiting lecturers?|answer|-",
            "have we got an enterprise agreement for Copilot?|no_answer|-",
            // data into AI is the policy's business whatever the licence
            "we have an enterprise agreement for Copilot: can I paste student marks into it?|answer|-",
            "who approves exceptions to the policy?|answer|-",
            "what does contestability mean?|answer|-",
    })
    void classifiesTheMessage(String message, String kind, String route) {
        Answer a = bot.answer(Question.of(message));
        assertEquals(kind, a.kind().wire(), a.explanation().toString());
        assertEquals(route, a.route(), a.explanation().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"how do I book annual leave?", "hello"})
    void noAnswerAndHelpCiteNothingAndCarryTheNotice(String message) {
        Answer a = bot.answer(Question.of(message));
        assertTrue(a.citations().isEmpty());
        assertTrue(a.text().contains("Automated answer"), a.text());
    }
}
