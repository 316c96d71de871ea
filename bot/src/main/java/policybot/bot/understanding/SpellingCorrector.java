package policybot.bot.understanding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Corrects a word staff misspelt ("personel", "recrutment", "studnet") to the nearest word the bot
 * knows, when it is not itself a known word. Conservative on purpose: words of five letters or
 * more, the first letter kept (people rarely mistype it, and "parking" must not become
 * "marking"), one edit (a transposition counts as one), two for words of nine letters or more.
 * Ties go to the alphabetically first word, so the result never depends on iteration order.
 */
public final class SpellingCorrector {
    private static final int MIN_LENGTH = 5;
    private static final int LONG_WORD = 9;

    private final Set<String> known;
    /** The targets by their first letter, each list in alphabetical order (a correction keeps the first letter). */
    private final Map<Character, List<String>> targetsByFirstLetter;

    /**
     * @param known   every word that is correct as it stands (policy, concepts, common words)
     * @param targets the words a misspelling may be corrected to
     */
    public SpellingCorrector(Set<String> known, Set<String> targets) {
        this.known = Set.copyOf(known);
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (String target : new TreeSet<>(targets)) {
            if (!target.isEmpty()) {
                byFirst.computeIfAbsent(target.charAt(0), c -> new ArrayList<>()).add(target);
            }
        }
        byFirst.replaceAll((c, list) -> List.copyOf(list));
        this.targetsByFirstLetter = Map.copyOf(byFirst);
    }

    public String correct(String word) {
        if (word.length() < MIN_LENGTH || known.contains(word) || !word.chars().allMatch(Character::isLetter)) {
            return word;
        }
        int allowed = word.length() >= LONG_WORD ? 2 : 1;
        String best = word;
        int bestDistance = allowed + 1;
        for (String target : targetsByFirstLetter.getOrDefault(word.charAt(0), List.of())) {
            if (target.length() < MIN_LENGTH - 1 || Math.abs(target.length() - word.length()) > allowed) {
                continue;
            }
            int d = distance(word, target, allowed);
            if (d < bestDistance) {
                best = target;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance, giving up once it passes {@code limit}. */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
