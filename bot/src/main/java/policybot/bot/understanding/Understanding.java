package policybot.bot.understanding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the bot made of a message, before it looks anything up: its words (spelling corrected),
 * the concepts in it and the kind of question it is.
 *
 * @param text         the message as it came
 * @param words        its words, corrected
 * @param corrections  misspelt word -> the word it was read as
 * @param concepts     the concepts found, in the order of their first mention
 * @param questionType what kind of answer it wants
 */
public record Understanding(String text, List<String> words, Map<String, String> corrections,
                            List<ConceptMatch> concepts, QuestionType questionType) {

    /** Words that make a message about the policy even when no concept is found. */
    private static final Set<String> POLICY_WORDS = Set.of("policy", "policies", "rule", "rules", "principle",
            "principles", "clause", "clauses");

    public Understanding {
        words = List.copyOf(words);
        corrections = Map.copyOf(corrections);
        concepts = List.copyOf(concepts);
    }

    /** The corrected message as one string of words: what retrieval analyses. */
    public String correctedText() {
        return String.join(" ", words);
    }

    /** Whether a concept is present and not negated ("no names" does not mention names). */
    public boolean has(String conceptKey) {
        return concepts.stream().anyMatch(m -> m.concept().key().equals(conceptKey) && !m.negated());
    }

    /** Whether a concept is mentioned only under a negation ("without ethics approval"). */
    public boolean hasNegated(String conceptKey) {
        return !has(conceptKey) && concepts.stream().anyMatch(m -> m.concept().key().equals(conceptKey));
    }

    public boolean hasAny(String... conceptKeys) {
        for (String k : conceptKeys) {
            if (has(k)) {
                return true;
            }
        }
        return false;
    }

    /** Keys of the concepts present and not negated. */
    public Set<String> conceptKeys() {
        Set<String> keys = new LinkedHashSet<>();
        concepts.stream().filter(m -> !m.negated()).forEach(m -> keys.add(m.concept().key()));
        return keys;
    }

    /** Whether the message touches the policy's subject at all (AI, data, a topic, a person in scope). */
    public boolean aboutPolicySubject() {
        return concepts.stream().anyMatch(m -> !m.negated() && m.concept().group().makesRelevant())
                || words.stream().anyMatch(POLICY_WORDS::contains);
    }

    /** Whether the words contain this phrase (a whole-word match, * allowed as in concept phrases). */
    public boolean says(String phrase) {
        Phrase p = Phrase.of(phrase);
        for (int i = 0; i < words.size(); i++) {
            if (p.matchesAt(words, i)) {
                return true;
            }
        }
        return false;
    }
}
