package policybot.bot.understanding;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one way a message and a concept phrase are cut into words, so that they always compare:
 * lower case, accents folded, apostrophes dropped ("don't" is "dont"), everything that is not a
 * letter or digit a break ("public-facing" is "public facing").
 */
public final class Words {
    private Words() {
    }

    public static List<String> of(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "").replace("\u2018", "");
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean wordChar = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(s.substring(start, i));
                start = -1;
            }
        }
        return words;
    }
}
