package policybot.bot.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import policybot.bot.conversation.FollowUps;
import policybot.bot.intent.IntentRules;
import policybot.knowledge.PolicySource;

/**
 * A {@link WordRule} must say exactly what its regular expression's {@code find()} says, for
 * every rule the bot reads questions with and every message: it only makes the search faster.
 */
class WordRuleTest {
    private static final List<Class<?>> READERS = List.of(QuestionTypes.class, IntentRules.class, FollowUps.class);

    @Test
    void literalBeginningsAreFoundAndOptionalOnesAreNot() {
        assertEquals(List.of("can", "could", "may"), WordRule.Beginnings.of("\\b(can|could|may) (i|we)", 2));
        assertEquals(List.of("mean"), WordRule.Beginnings.of("means?\\b", 0));
        assertEquals(List.of("what "), WordRule.Beginnings.of("what (sort|kind)", 0));
        assertEquals(List.of(), WordRule.Beginnings.of("(a|an)?\\s?\\w+", 0));
        assertEquals(List.of(), WordRule.Beginnings.of("(just |still )*use", 0));
        assertEquals(List.of(), WordRule.Beginnings.of("(?!how )\\w+", 0));
        assertEquals(List.of(), WordRule.Beginnings.of("\\w+ (can|may)", 0));
        assertEquals(List.of(), WordRule.Beginnings.of("(a(b)|c)d", 0));
        assertEquals(List.of("a"), WordRule.Beginnings.of("ab{0,2}c", 0));
    }

    @Test
    void alternativesAreSplitOnlyOutsideGroupsAndClasses() {
        assertEquals(List.of("^a", "\\b(b|c)\\b", "[|x]d", "e\\|f"), WordRule.topLevelAlternatives("^a|\\b(b|c)\\b|[|x]d|e\\|f"));
    }

    @Test
    void anchorsBoundariesAndLookAroundsSeeTheWholeMessage() {
        WordRule rule = WordRule.compile("^why\\b|\\bok$|\\b(better|best)\\b(?! (way|practice))|(?<=is )fine");
        assertTrue(rule.find("why not"));
        assertFalse(rule.find("so why"), "^ holds at the message's start only");
        assertTrue(rule.find("is that ok"));
        assertFalse(rule.find("is that ok then"), "$ holds at the message's end only");
        assertFalse(rule.find("okay"));
        assertFalse(rule.find("unbetter"), "\\b sees the letters before a beginning");
        assertTrue(rule.find("the best tool"));
        assertFalse(rule.find("the best practice"), "a look-ahead sees past the alternative");
        assertTrue(rule.find("this is fine"));
        assertFalse(rule.find("that fine"), "a look-behind sees before the alternative");
    }

    @Test
    void flagsAndBackReferencesKeepTheExpressionWhole() {
        WordRule flagged = WordRule.compile("(?i)who|WHAT");
        assertEquals(Pattern.compile("(?i)who|WHAT").matcher("what").find(), flagged.find("what"));
        WordRule back = WordRule.compile("(a)|b\\1");
        assertFalse(back.find("bb"));
        assertTrue(back.find("xa"));
    }

    @Test
    void everyRuleTheBotReadsWithAgreesWithItsExpression() throws IOException {
        Map<String, WordRule> rules = rules();
        assertTrue(rules.size() >= 15, "found the bot's rules: " + rules.keySet());
        List<String> messages = messages(rules);
        int found = 0;
        for (String message : messages) {
            for (Map.Entry<String, WordRule> rule : rules.entrySet()) {
                boolean expected = rule.getValue().pattern().matcher(message).find();
                assertEquals(expected, rule.getValue().find(message), rule.getKey() + " on \"" + message + "\"");
                found += expected ? 1 : 0;
            }
        }
        // The messages must exercise the rules both ways, or the comparison says little.
        assertTrue(found > messages.size() / 4, "matches: " + found + " over " + messages.size() + " messages");
    }

    @Test
    void randomExpressionsAgreeWithJavaRegex() {
        String[] pieces = {"\\b", "^", "$", "a", "b", "ab", " ", "(a|b)", "(a|ab)?", "\\w+", "\\w*", "x?", "(?! a)", "(?<=b )",
            ".*", "[ab]", "(b|a )+", "a{0,2}", "(ba|a)", "|"};
        Random random = new Random(20261126);
        for (int n = 0; n < 3000; n++) {
            StringBuilder regex = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                regex.append(pieces[random.nextInt(pieces.length)]);
            }
            WordRule rule = WordRule.compile(regex.toString());
            for (int m = 0; m < 20; m++) {
                String text = randomText(random, new String[] {"a", "b", "ab", "ba", "x", "bab"}, 5);
                Matcher expected = rule.pattern().matcher(text);
                assertEquals(expected.find(), rule.find(text), "/" + regex + "/ on \"" + text + "\"");
            }
        }
    }

    private static Map<String, WordRule> rules() {
        Map<String, WordRule> rules = new LinkedHashMap<>();
        for (Class<?> reader : READERS) {
            for (Field f : reader.getDeclaredFields()) {
                if (f.getType() == WordRule.class && Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    try {
                        rules.put(reader.getSimpleName() + "." + f.getName(), (WordRule) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return rules;
    }

    /**
     * Real questions, every line of the policy, and word salads of the rules' own words (so that
     * every alternative is tried, near its beginnings, at the start, the end and in the middle).
     */
    private static List<String> messages(Map<String, WordRule> rules) throws IOException {
        Set<String> messages = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String set : List.of("/eval/dev.jsonl", "/eval/team-questions.jsonl")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    WordRuleTest.class.getResourceAsStream(set), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        messages.add(String.join(" ", Words.of(json.readTree(line).get("text").asText())));
                    }
                }
            }
        }
        for (String line : PolicySource.bundledText().split("\n")) {
            messages.add(String.join(" ", Words.of(line)));
        }
        Set<String> vocabulary = new LinkedHashSet<>(List.of("ai", "data", "the", "use", "chatgpt", "students", "x"));
        for (WordRule rule : rules.values()) {
            Matcher words = Pattern.compile("[a-z]+").matcher(rule.pattern().pattern().replaceAll("\\\\[bswd]", " "));
            while (words.find()) {
                vocabulary.add(words.group());
            }
        }
        String[] words = vocabulary.toArray(String[]::new);
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            messages.add(randomText(random, words, 9));
        }
        return new ArrayList<>(messages);
    }

    private static String randomText(Random random, String[] words, int most) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(most);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }
}
