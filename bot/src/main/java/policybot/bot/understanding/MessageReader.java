package policybot.bot.understanding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a message: words, spelling, concepts, question type. Stateless and deterministic. */
public final class MessageReader {
    private final ConceptModel concepts;
    private final SpellingCorrector speller;

    public MessageReader(ConceptModel concepts, SpellingCorrector speller) {
        this.concepts = concepts;
        this.speller = speller;
    }

    public Understanding read(String message) {
        List<String> words = new ArrayList<>();
        Map<String, String> corrections = new LinkedHashMap<>();
        for (String w : Words.of(message)) {
            String c = speller.correct(w);
            if (!c.equals(w)) {
                corrections.put(w, c);
            }
            words.add(c);
        }
        return new Understanding(message, words, corrections, concepts.match(words), QuestionTypes.of(message, words));
    }

    public ConceptModel concepts() {
        return concepts;
    }
}
