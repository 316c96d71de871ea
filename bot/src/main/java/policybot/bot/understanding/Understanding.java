package policybot.bot.understanding;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
            "principles", "clause", "clauses", "objective", "objectives", "igcsog", "ban", "banned", "prohibited", "forbidden", "restriction");

    /**
     * The phrases {@link #says} has read, each read once: they are the code's own words and the
     * routing table's aliases, a bounded set, and reading one costs more than looking for it.
     */
    private static final Map<String, Phrase> PHRASES = new ConcurrentHashMap<>();

    public Understanding {
        words = List.copyOf(words);
        corrections = Map.copyOf(corrections);
        concepts = List.copyOf(concepts);
    }

    /** The corrected message as one string of words: what retrieval analyses. */
    public String correctedText() {
        return String.join(" ", words);
    }

    /** Whether a concept is present and not absent ("no names" does not mention names). */
    public boolean has(String conceptKey) {
        return concepts.stream().anyMatch(m -> m.concept().key().equals(conceptKey) && !m.absent());
    }

    /** Whether a concept is mentioned only under a negation ("without ethics approval"). */
    public boolean hasNegated(String conceptKey) {
        return concepts.stream().anyMatch(m -> m.concept().key().equals(conceptKey))
                && concepts.stream().filter(m -> m.concept().key().equals(conceptKey)).allMatch(ConceptMatch::negated);
    }

    public boolean hasAny(String... conceptKeys) {
        for (String k : conceptKeys) {
            if (has(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the message is about this policy at all: it mentions AI or the policy, or a concept
     * that only this policy's readers talk about (a DPIA, an exception), or it asks what a term
     * means or who does what about something the policy covers. "How do I apply for leave?" is not.
     */
    public boolean aboutPolicySubject() {
        boolean nothingFound = concepts.stream().allMatch(ConceptMatch::absent);
        if (words.stream().anyMatch(POLICY_WORDS::contains)
                // "the University's policy on posting on TikTok", and nothing this policy speaks of: another policy
                && !(nothingFound && (says("policy on") || says("policy about") || says("policy regarding")
                || says("policies on") || says("rules on") || says("rules about")))) {
            return true;
        }
        boolean signal = concepts.stream().anyMatch(m -> !m.absent() && m.concept().signals());
        // Data and people the policy covers count for "what is / who" questions; general topics
        // ("water", "training", "the law") do not, or "what is the capital of France" would.
        boolean covered = concepts.stream().anyMatch(m -> !m.absent()
                && (m.concept().group() == ConceptGroup.DATA || m.concept().group() == ConceptGroup.PERSON));
        return signal || covered && (questionType == QuestionType.DEFINITION || questionType == QuestionType.WHO
                || says("apply to me") || says("covered by this") || says("cover me") || says("am i covered")
                || says("this apply to") || says("it apply to") || says("policy apply to") || says("this cover")
                || says("policy cover") || says("covered") || says("need to follow") || says("have to follow")
                || says("follow this"));
    }

    /** Whether the words contain this phrase (a whole-word match, * allowed as in concept phrases). */
    public boolean says(String phrase) {
        Phrase p = PHRASES.computeIfAbsent(phrase, Phrase::of);
        for (int i = 0; i < words.size(); i++) {
            if (p.matchesAt(words, i)) {
                return true;
            }
        }
        return false;
    }
}
