package policybot.bot.review;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups questions by their words: lower-cased, accents and punctuation dropped, common function
 * words dropped, a plural "s" taken off, and what is left sorted and de-duplicated. So "Can I use
 * ChatGPT for marking?" and "ChatGPT for marking: can I use it" are one wording. Deterministic:
 * no dictionary, no model, no randomness.
 */
public final class Wording {
    /**
     * Words that carry no topic: dropped so "can I", "may I" and "am I allowed to" ask the same thing.
     * "use" too: nearly every question to this bot is about using something.
     */
    private static final Set<String> STOP = Set.of(
            "a", "about", "actually", "allowed", "am", "an", "and", "any", "anyone", "are", "as", "at", "be", "been",
            "can", "could", "do", "does", "for", "from", "have", "how", "i", "if", "in", "into", "is", "it", "its",
            "just", "let", "may", "me", "might", "must", "my", "of", "ok", "okay", "on", "or", "our", "please",
            "permitted", "should", "so", "some", "that", "the", "their", "them", "there", "these", "they", "this",
            "to", "us", "use", "used", "using", "we", "what", "when", "where", "whether", "which", "who", "why",
            "will", "with", "would", "you", "your");

    private Wording() {
    }

    /** The grouping key of a (redacted) question: its content words, sorted, space-separated. */
    public static String key(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replace("'s", "").replace("’s", "");
        Set<String> words = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        for (String w : folded.split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty()) {
                continue;
            }
            String stem = singular(w);
            all.add(stem);
            if (!STOP.contains(w)) {
                words.add(stem);
            }
        }
        // a question made only of function words ("can I?") is still grouped with itself
        return String.join(" ", words.isEmpty() ? all : words);
    }

    private static String singular(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
