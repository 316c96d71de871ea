package policybot.bot.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a message before it is kept for review or logged: e-mail addresses,
 * phone numbers (UK and international forms), National Insurance numbers, and ID numbers
 * (student and staff numbers, long runs of digits, grouped digits such as card numbers). Each is
 * replaced by a placeholder that says what was there ({@code [email]}, {@code [phone]},
 * {@code [ni-number]}, {@code [id-number]}), so the policy team can still read the question.
 *
 * <p>It errs on the side of removing: a seven-digit amount written without commas is taken for
 * an ID number. It leaves clause numbers (2.2), versions (1.2), years, times and ISO dates alone.
 */
public final class Redactor {
    public static final String EMAIL = "[email]";
    public static final String PHONE = "[phone]";
    public static final String NI_NUMBER = "[ni-number]";
    public static final String ID_NUMBER = "[id-number]";

    /**
     * A pattern, what replaces it, how many digits a match needs to count (0: any), and what a text
     * must hold for the pattern to match in it at all: at least {@code fewestDigits} of the digits
     * 0 to 9 ({@code \d} is only those), and {@code mark} if it is not 0.
     */
    private record Rule(Pattern pattern, String placeholder, int minDigits, int fewestDigits, char mark) {
        Rule(Pattern pattern, String placeholder, int fewestDigits) {
            this(pattern, placeholder, 0, fewestDigits, (char) 0);
        }

        /** Most texts hold no address and few digits: not searched for what they cannot hold. */
        boolean mayMatch(String text, int digits) {
            return digits >= fewestDigits && (mark == 0 || text.indexOf(mark) >= 0);
        }
    }

    /** Separators people put inside phone and ID numbers. */
    private static final String SEP = "[ \\t.\\-]";

    private static final List<Rule> RULES = List.of(
            // before anything else: an address holds digits and dots the number rules would take apart
            new Rule(Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), EMAIL, 0, 0,
                    '@'),
            // AB 12 34 56 C: the prefix letters D, F, I, Q, U, V are never used, nor O second
            new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                    + "(?:" + SEP + "?\\d{2}){3}" + SEP + "?[A-D](?![A-Za-z0-9])"), NI_NUMBER, 6),
            // +44 (0)20 7946 0958, +1-415-555-2671, 0033 1 23 45 67 89: 8 to 15 digits after + or 00
            new Rule(Pattern.compile("(?:\\+|(?<![\\w.])00)" + SEP + "?\\d(?:(?:" + SEP + "|\\(0\\)|[()]){0,2}\\d){7,14}"
                    + "(?![\\w])"), PHONE, 8),
            // 020 7946 0958, (0161) 496 0000, 07700 900123, 07700-900-123: a leading 0 and 9 or 10 more digits
            new Rule(Pattern.compile("(?<![\\w.+])\\(?0\\d{2,4}\\)?(?:" + SEP + "?\\d){6,8}(?![\\w])"), PHONE, 9),
            // s1234567, B00123456, 12345678: six or more digits, with up to three letters before them
            new Rule(Pattern.compile("(?<![\\w.])[A-Za-z]{0,3}\\d{6,}[A-Za-z]?(?![\\w])"), ID_NUMBER, 6),
            // 1234 5678 9012 3456, 12-345-678: three or more groups of digits, 8 or more in all (not a date)
            new Rule(Pattern.compile("(?<![\\w.])(?!\\d{4}-\\d{2}-\\d{2}(?![\\w-]))\\d{2,6}(?:[ \\-]\\d{2,6}){2,}(?![\\w])"),
                    ID_NUMBER, 8, 6, (char) 0),
            // "student number 1234", "staff ID: AB12345", "payroll no. 00123": a labelled number of 4+ digits
            new Rule(Pattern.compile("(?i)(?<=\\b(?:student|staff|employee|payroll|matriculation|matric|registration"
                    + "|candidate|library card|card|id)(?:" + "\\s(?:id|no\\.?|number|num|#))?\\s?[:#]?\\s?)"
                    + "[A-Za-z]{0,3}\\d{4,}(?![\\w])"), ID_NUMBER, 4));

    private static final Redactor STANDARD = new Redactor();

    private Redactor() {
    }

    public static Redactor standard() {
        return STANDARD;
    }

    /** The text with personal data replaced by placeholders; null stays null. */
    public String redact(String text) {
        return redact(text, true);
    }

    /** The same, every rule searched for whatever the text holds (what {@link #redact} must equal; for tests). */
    String redactSearchingEveryRule(String text) {
        return redact(text, false);
    }

    private static String redact(String text, boolean skipWhatCannotMatch) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            if (!skipWhatCannotMatch || rule.mayMatch(out, digits(out))) {
                out = replace(rule, out);
            }
        }
        return out;
    }

    private static String replace(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder s = new StringBuilder(text.length());
        do {
            boolean personal = digits(m.group()) >= rule.minDigits();
            m.appendReplacement(s, Matcher.quoteReplacement(personal ? rule.placeholder() : m.group()));
        } while (m.find());
        m.appendTail(s);
        return s.toString();
    }

    /** How many of the digits 0 to 9 the text holds (all that {@code \d} matches). */
    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }
}
