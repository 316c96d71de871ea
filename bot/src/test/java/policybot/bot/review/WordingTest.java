package policybot.bot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class WordingTest {
    @Test
    void sameWordsInAnyOrderAndCaseAreOneWording() {
        assertEquals("chatgpt marking", Wording.key("Can I use ChatGPT for marking?"));
        assertEquals(Wording.key("Can I use ChatGPT for marking?"), Wording.key("marking: may I use chatgpt"));
        assertEquals(Wording.key("Am I allowed to use ChatGPT for marking"), Wording.key("ChatGPT for marking?"));
    }

    @Test
    void pluralsPossessivesAndAccentsFold() {
        assertEquals(Wording.key("student's essays"), Wording.key("students essay"));
        assertEquals("policy", Wording.key("policies"));
        assertEquals(Wording.key("résumé"), Wording.key("resume"));
        assertEquals("class status", Wording.key("the status of the class"));
    }

    @Test
    void differentTopicsStayApart() {
        assertNotEquals(Wording.key("Can I use Copilot?"), Wording.key("Can I use Gemini?"));
        assertEquals("can i", Wording.key("Can I?"));
        assertEquals("email phone", Wording.key("my [email] and [phone]"));
    }
}
