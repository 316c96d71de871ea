package policybot.bot.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.TestBots;
import policybot.bot.answer.Answer;

/** One case or more per verdict rule, in words no development question uses. */
class VerdictRulesTest {
    private static final Set<String> FIRED = new TreeSet<>();
    private final PolicyBot bot = TestBots.bundled();

    /** Every rule in VerdictRules has at least one case above that makes it fire. */
    @AfterAll
    static void everyRuleHasACase() {
        Set<String> all = new TreeSet<>();
        new VerdictRules().rules().forEach(r -> all.add(r.name()));
        if (!FIRED.isEmpty()) {
            all.removeAll(FIRED);
            assertTrue(all.isEmpty(), "verdict rules no test makes fire: " + all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // personal data into a public AI service
            "may I upload our tutees' home addresses to Gemini to plan visits?|not_allowed|2.2",
            "is it actually a problem to paste my tutees' reference letters into Grammarly?|not_allowed|2.2",
            "may I get Gemini to polish a reference that gives the student's full name?|not_allowed|2.2",
            // "is there an issue if / any issue with" asks permission
            "is there an issue if I paste my tutees' names and grades into Gemini?|not_allowed|2.2",
            "any issues with dropping a physio client's injury notes into ChatGPT?|not_allowed|2.2",
            // using what AI made, copyright in mind (someone else's work going in is a different question)
            "may we print Gemini-generated illustrations on our open day banners, or is copyright a worry?|allowed_with_conditions|2.1",
            // material AI made, sent out with its use left unsaid
            "can we publish the Copilot-written press release without telling readers AI was used?|not_allowed|5.2",
            // "would I get into trouble" asks whether it may be done
            "would we get into trouble if we pasted staff home addresses into Gemini?|not_allowed|2.2",
            // pseudonymised: the definition that says it is still personal data first
            "is it ok to paste pseudonymised survey answers into chatgpt?|not_allowed|definitions.personal-data.2",
            "we replaced staff IDs with codes but still have the key file - safe enough to run through ChatGPT?|not_allowed"
                    + "|definitions.personal-data.2",
            // "can we put X into ..." asks whether it may go in, whatever follows ("who is ...")
            "can we dump the appraisal notes for my team into ChatGPT so it flags who is underperforming?|not_allowed|2.2",
            "is it kosher to paste our supplier's contract terms into Claude?|not_allowed|2.3",
            // "reads better" is not a comparison of tools
            "Is it ok to have Gemini rewrite my seminar handout so it reads better?|allowed_with_conditions|4.3",
            // confidential information into a public AI service
            "can I put the commercially sensitive tender bids into Claude to compare them?|not_allowed|2.3",
            "am I allowed to ask the free version of ChatGPT to review our server config for vulnerabilities?|not_allowed|2.3",
            "could I give a public chatbot our network diagrams to spot weak points?|not_allowed|2.3",
            "OK to ask ChatGPT to tidy our door code and alarm system handover notes?|not_allowed|2.3",
            "is the uni's internal audit summary fine to paste into Claude?|not_allowed|2.3",
            // an invention disclosure is confidential, not someone's personal disclosure
            "can Claude polish the wording of our unpublished invention disclosure form?|not_allowed|2.3",
            // an invention into a public AI service
            "can I describe my unpatented invention to ChatGPT to draft the claims?|not_allowed|2.3",
            // AI deciding in recruitment or assessment
            "can we use an AI tool to rank applicants for the research assistant job?|not_allowed|3.2",
            "is it ok to let AI grade the dissertations if I spot-check a few?|not_allowed|3.2",
            // AI deciding with nobody supervising
            "can AI automatically decide which staff get flexible working approved?|not_allowed|3.1",
            "may the AI make the final decision on library fines, with staff only checking the borderline cases?|not_allowed|3.1",
            "may the AI rota tool make the final call on who gets the overtime shifts?|not_allowed|3.1",
            "can an AI system automatically categorise complaints and close the minor ones?|not_allowed|3.1",
            // an algorithm is AI; a person who only rubber-stamps does not supervise
            "may an algorithm allocate car parking spaces if the estates manager just rubber-stamps the list?|not_allowed|3.1",
            // "does that fit with the policy?" asks whether it may be done
            "a tool that decides room bookings on its own, nobody looking at the result: does that fit with the policy?|not_allowed|3.1",
            // AI supporting a person's decision
            "can I use AI to help me decide which suppliers to invite to tender if the panel signs off every decision?|allowed_with_conditions|3.1",
            "may an AI system decide parking permits if the estates officer reviews and approves each one?|allowed_with_conditions|3.1",
            "an AI tool proposes how to allocate the budget across departments and then a human signs them off, is that ok?|allowed_with_conditions|3.1",
            // working automatically, a person checking: supervised
            "can an AI tool automatically categorise incoming enquiries, with a manager checking the results daily?"
                    + "|allowed_with_conditions|3.1",
            // output used unchecked
            "can I send out whatever ChatGPT writes without checking it?|not_allowed|4.3",
            // research without ethics approval
            "can I run AI analysis for my research study without ethics approval?|not_allowed|1.4",
            // transparency
            // ...and running one without telling people is what 5.1 rules out
            "can we run an AI chatbot on our webpage without telling visitors they are talking to a bot?|not_allowed|5.1",
            // material AI made: labelled
            "can we use DALL-E pictures in the alumni magazine, and must we label them as AI-made?|allowed_with_conditions|5.2",
            // drafting with no sensitive data
            "is it ok to use Copilot to draft a newsletter about the new library opening hours?|allowed_with_conditions|4.3",
            // fully anonymised data
            "if I fully anonymise the survey responses and destroy the key, can I then put them into Gemini?|allowed_with_conditions|definitions.personal-data.2",
            "I've taken every identifier out of the comments and deleted the originals, can Gemini sort the remarks into themes?"
                    + "|allowed_with_conditions|definitions.personal-data.2",
            // drafting recruitment or assessment material, a person deciding
            "can I use AI to draft the person specification for a technician vacancy? the panel still decides who to hire|allowed_with_conditions|4.3",
            // a task of little value
            "can I use Midjourney for fun to make silly pictures of my colleagues' pets?|allowed_with_conditions|underpinning.2",
            // an AI passing itself off as a person
            "could our enquiries bot answer emails posing as a named adviser so nobody knows?|not_allowed|5.1",
            "is it fine if our web chatbot impersonates a real careers adviser?|not_allowed|5.1",
            // an AI tool a supplier offers
            "the timetabling software vendor wants to enable their new AI scheduling feature for us, may we?|allowed_with_conditions|1.3",
            // shortlisting suppliers is buying, not recruiting
            "can Gemini help us shortlist vendors for the catering contract if the panel picks the winner?|allowed_with_conditions|1.3",
            // AI in research
            "is it ok to use AI tools to help code interview themes in my research project?|allowed_with_conditions|1.4",
            // the University's own private AI service
            "may I use our university-hosted AI service to tidy up the minutes of our team meeting?|allowed_with_conditions|definitions.private-ai-services.1",
            // the public services named only to say they are not used
            "Can our office use the University's own AI service for summarising student casework? Nothing goes into public tools."
                    + "|allowed_with_conditions|definitions.private-ai-services.1",
            // "safe for" asks whether it may be done
            "Is our university-licensed Copilot safe for staff absence data?|allowed_with_conditions|definitions.private-ai-services.1",
            // a chatbot people talk to: tell them
            "we're piloting an AI assistant on our loans web page for borrowers - are we allowed?|allowed_with_conditions|5.1",
            // research, ethics deferred
            "can my postdoc run the interview data through an AI tool now and get ethics approval later?|not_allowed|1.4",
            // a public AI service as such
            "would the uni stop me using Perplexity?|allowed_with_conditions|2.2",
            // AI at work at all
            "am I allowed to use AI at work at all?|allowed_with_conditions|purposes.2",
    })
    void ruleDecidesAndCitesTheSettlingClauseFirst(String question, String verdict, String clause) {
        Answer a = bot.answer(Question.of(question));
        if (a.explanation().verdictRule() != null) {
            FIRED.add(a.explanation().verdictRule());
        }
        assertEquals(verdict, a.verdict() == null ? null : a.verdict().wire(), a.explanation().toString());
        assertEquals(clause, a.citations().get(0).clause(), a.explanation().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "what does the policy say about personal data?",
            "why does the university care about transparency?",
            "who approves exceptions?",
            // whether something is covered, not whether it may be done
            "our caterers use AI to forecast food orders, is that even covered by this policy?",
            // a wh-question, however terse
            "Where can I read guidance on AI for teaching?",
    })
    void questionsThatAreNotCanIGetNoVerdict(String question) {
        assertNull(bot.answer(Question.of(question)).verdict());
    }

    /** Someone else's work into AI is a matter of copyright law: that clause, and no verdict the policy does not give. */
    @Test
    void copyrightMaterialIsAnsweredWithTheLawsClauseAndNoVerdict() {
        Answer a = bot.answer(Question.of("may I upload scanned pages of a paywalled journal to Gemini to make a study guide?"));
        assertNull(a.verdict(), a.explanation().toString());
        assertEquals("2.1", a.citations().get(0).clause(), a.explanation().toString());
    }
}
