package policybot.bot.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SpellingCorrectorTest {
    private final SpellingCorrector speller = new SpellingCorrector(
            Set.of("parking", "personal", "recruitment", "student", "copyright", "marking"),
            Set.of("personal", "recruitment", "student", "copyright", "marking", "address", "addresses"));

    @Test
    void correctsOneSlipToTheNearestKnownWord() {
        assertEquals("personal", speller.correct("personel"));
        assertEquals("recruitment", speller.correct("recrutment"));
        assertEquals("student", speller.correct("studnet"));
        assertEquals("addresses", speller.correct("adresses"));
    }

    @Test
    void leavesKnownShortAndFirstLetterChangedWordsAlone() {
        assertEquals("parking", speller.correct("parking"));
        assertEquals("harking", speller.correct("harking"));
        assertEquals("stud", speller.correct("stud"));
        assertEquals("covid19", speller.correct("covid19"));
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertEquals(1, SpellingCorrector.distance("studnet", "student", 2));
        assertEquals(3, SpellingCorrector.distance("abc", "xyz", 5));
    }
}
