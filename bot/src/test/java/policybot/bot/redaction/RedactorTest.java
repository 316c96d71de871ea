package policybot.bot.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email jane.doe@example.ac.uk about it|email [email] about it",
            "from J.O'Brien+ai@mail.uni.example.com.|from [email].",
            "cc A_B-1@x.io, c@d.org|cc [email], [email]",
            "ring 07700 900123 please|ring [phone] please",
            "ring 07700900123|ring [phone]",
            "ring 07700-900-123|ring [phone]",
            "office 020 7946 0958 today|office [phone] today",
            "office (0161) 496 0000|office [phone]",
            "office 0161 496 0000|office [phone]",
            "office 01632 960 001|office [phone]",
            "call +44 7700 900123|call [phone]",
            "call +44 (0)20 7946 0958 now|call [phone] now",
            "call +447700900123|call [phone]",
            "US +1 415-555-2671|US [phone]",
            "France +33 1 23 45 67 89|France [phone]",
            "France 0033 1 23 45 67 89|France [phone]",
            "Germany +49 30 901820|Germany [phone]",
            "NI number AB123456C|NI number [ni-number]",
            "ni: ab 12 34 56 c.|ni: [ni-number].",
            "NI QQ123456C is a specimen|NI [id-number] is a specimen",
            "my student number is 2012345|my student number is [id-number]",
            "student number 12345 failed|student number [id-number] failed",
            "staff ID: AB12345|staff ID: [id-number]",
            "payroll no. 00123|payroll no. [id-number]",
            "matric 7654321|matric [id-number]",
            "id s1234567 here|id [id-number] here",
            "user B00123456 asked|user [id-number] asked",
            "ref 123456789012|ref [id-number]",
            "card 4111 1111 1111 1111|card [id-number]",
            "account 12-345-678|account [id-number]",
    })
    void removesPersonalData(String in, String out) {
        assertEquals(out, redactor.redact(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Can I use ChatGPT under clause 2.2 of policy v1.2?",
            "What does section 4.4 say about GPT-4 and Office 365?",
            "Is it allowed in 2025, from 10:30 to 12:00 on 2025-03-14?",
            "Due on 14/03/2025, about 24 hours and 3 days",
            "A budget of £1,000,000 for 12 weeks",
            "scores of 10 20 30 in three tests",
            "the ISO 27001 standard and ISO 9001",
            "What about personal data of 500 students?",
    })
    void leavesPolicyWordingAlone(String text) {
        assertEquals(text, redactor.redact(text));
    }

    @Test
    void redactsEverythingInOneMessage() {
        String in = "I'm Jo (jo.bloggs@uni.ac.uk, 07700 900123, staff number 998877, NI JB 12 34 56 A): "
                + "may I paste student 2301234's essay into ChatGPT?";
        String out = redactor.redact(in);
        assertEquals("I'm Jo ([email], [phone], staff number [id-number], NI [ni-number]): "
                + "may I paste student [id-number]'s essay into ChatGPT?", out);
        assertFalse(out.matches(".*\\d{4,}.*"), out);
    }

    @Test
    void isIdempotentAndKeepsNull() {
        String once = redactor.redact("mail a@b.com or call +44 20 7946 0958");
        assertEquals(once, redactor.redact(once));
        assertNull(redactor.redact(null));
        assertEquals("", redactor.redact(""));
    }

    /**
     * Skipping a rule that a text cannot match (no "@", too few digits) changes nothing: on texts
     * made of the pieces personal data is made of, the result equals searching for every rule.
     */
    @Test
    void skippingRulesATextCannotMatchChangesNothing() {
        String[] pieces = {"a", "AB", "jo", "@", ".", "-", " ", "+", "(0)", "(", ")", "0", "00", "44", "7", "123", "4567",
            "20", "s", "C", "uni.ac.uk", "staff id", "student no.", ":", "2026-11-26", "12", "9", "x@y.com", "1.2"};
        java.util.Random random = new java.util.Random(7);
        Redactor redactor = Redactor.standard();
        int changed = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            String expected = redactor.redactSearchingEveryRule(t);
            assertEquals(expected, redactor.redact(t), t);
            changed += expected.equals(t) ? 0 : 1;
        }
        assertTrue(changed > 5_000, "the texts must exercise the rules: " + changed + " were redacted");
    }
}
