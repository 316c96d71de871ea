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
            // asked of the bot, passing something on: a person; "I send it to the registrar" is not asking anything of it
            "could you forward my note to the policy owner: the section on transcription tools needs updating|escalation|policy-owner",
            "please send this query to a real human|escalation|policy-owner",
            "if Copilot miscounts the totals in a spreadsheet and I forward it to the registrar, is that on me?|answer|-",
            // a challenge passed on goes to the policy owner, whichever tool it names
            "A lecturer is upset that Gemini wrote the comments on her teaching review and wants to dispute it. Could you pass "
                    + "this along?|escalation|policy-owner",
            // someone of a team, or a human, to look at it
            "Could somebody in Information Governance look at our DPIA for a transcription trial?|escalation|information-governance",
            "we'd rather get a human to look at the Otter subscription before we buy it|escalation|dts",
            "can a person review the AI's shortlist before it goes out?|answer|-",
            // who decides exceptions is a question, whatever the asker has in mind
            "who signs off when a team wants to use AI beyond what the policy allows?|answer|-",
            // not the policy's to settle: usage figures, jobs, licences on accounts, approved lists, students caught
            "how many lecturers have used Copilot this term?|no_answer|-",
            "will AI lead to job losses in professional services?|no_answer|-",
            "how can I get a Gemini licence on my account?|no_answer|-",
            "is there an approved tools list for AI I can check?|no_answer|-",
            "what happens to students caught using ChatGPT in their exams?|no_answer|-",
            "When is the next Gen AI practice sharing event?|no_answer|-",
            // something already done with data, reported: the data's team; a worry about a use of AI: a challenge
            "who should we contact now that a colleague has pasted student addresses into Gemini?|escalation|information-governance",
            "we have to report that a manager fed payroll spreadsheets with bank details into ChatGPT|escalation|information-governance",
            "I want to flag a concern about how AI triages our IT tickets|escalation|policy-owner",
            "I mistakenly uploaded the board's unpublished budget to Claude, what now?|escalation|information-governance",
            "I'm unhappy that AI was used to summarise my grievance and I'd like to challenge it|escalation|policy-owner",
            // a task for the bot, not a question; whether it is a person is small talk
            "compose me a limerick about machine learning|no_answer|-",
            "is this chat a real human?|help|-",
            // "help" before a message is a cry for help, not a question about the bot; a team needed now
            "Help! I put a colleague's sick note into Claude by accident|escalation|information-governance",
            "help|help|-",
            "we need Information Governance asap about a transcription pilot that recorded patients|escalation|information-governance",
            "could somebody from Digital Skills deliver a Copilot workshop for my office?|escalation|digital-skills",
            // going ahead despite the policy asks for an exception
            "the benefits outweigh the risk for us - how can we go ahead anyway with student names in a public chatbot?|escalation|exceptions",
            // a product's integrations, a maker's retention, a journal's authorship rules, a regulation's tiers
            "does Gemini integrate with Outlook?|no_answer|-",
            "how long does OpenAI retain the chats I have with it?|no_answer|-",
            "should I credit Claude as a coauthor on a conference paper?|no_answer|-",
            "which risk tier does the AI Act put chatbots in?|no_answer|-",
            // not the policy's to settle: recommendations, outages, booking training, who pays, how accurate a tool is
            "could you recommend a decent AI app for transcribing lectures?|no_answer|-",
            "is Gemini down right now?|no_answer|-",
            "where can I sign up for a Copilot workshop?|no_answer|-",
            "will the department pay for Claude Pro?|no_answer|-",
            "how reliable are AI detectors at spotting generated text?|no_answer|-",
            // human supervision as a topic
            "what does human oversight mean here?|answer|-",
            // people the policy may cover, and the documents listed with it, are its subject
            "are honorary fellows covered?|answer|-",
            "where are the related documents listed?|answer|-",
            // another of the University's policies, with nothing this one speaks of
            "What's the University's policy on wearing lanyards on campus?|no_answer|-",
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
