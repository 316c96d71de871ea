package policybot.bot.understanding;

import java.util.ArrayList;
import java.util.List;

/** A phrase of a concept: words that must stand together; a word ending in * matches any ending. */
public record Phrase(String text, List<String> words, List<Boolean> prefix) {

    public static Phrase of(String text) {
        List<String> words = new ArrayList<>();
        List<Boolean> prefix = new ArrayList<>();
        String[] parts = text.strip().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            boolean star = parts[i].endsWith("*");
            List<String> cut = Words.of(star ? parts[i].substring(0, parts[i].length() - 1) : parts[i]);
            for (int j = 0; j < cut.size(); j++) {
                words.add(cut.get(j));
                prefix.add(star && j == cut.size() - 1);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a phrase with no words: '" + text + "'");
        }
        return new Phrase(text, List.copyOf(words), List.copyOf(prefix));
    }

    /** Whether the phrase stands in {@code tokens} starting at {@code at}. */
    public boolean matchesAt(List<String> tokens, int at) {
        if (at + words.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String token = tokens.get(at + i);
            boolean ok = prefix.get(i) ? token.startsWith(words.get(i)) : token.equals(words.get(i));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public int length() {
        return words.size();
    }
}
