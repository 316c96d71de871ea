package policybot.knowledge;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * English analysis for clauses and questions: standard tokens, possessives dropped, folded to
 * ASCII and lower case, stop words removed, Porter stems. The question side adds the reviewed
 * synonyms before stemming, so that staff's words ("chatgpt", "cv", "marking") reach the policy's
 * ("public AI services", "recruitment", "assessment"); the index side does not, so a clause's
 * own words keep their weight.
 */
public final class PolicyAnalyzer extends Analyzer {
    /**
     * English stop words plus the words every question carries and no clause decides on. "not"
     * stays out of this list on purpose: it is the policy's "must not".
     */
    public static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(64, true);
        for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            String w = new String((char[]) word);
            if (!w.equals("not")) {
                stop.add(w);
            }
        }
        stop.addAll(List.of("i", "me", "my", "we", "our", "us", "you", "your", "can", "could", "do", "does",
                "did", "am", "is", "im", "i'm", "ok", "okay", "allowed", "may", "might", "would", "should",
                "what", "whats", "what's", "how", "who", "why", "when", "which", "so", "just", "also", "about",
                "any", "all", "some", "get", "got", "want", "wants", "like", "please", "hi", "hello", "thanks",
                "really", "basically", "actually", "uni", "university", "policy", "say", "says", "anything"));
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private final SynonymMap synonyms;

    private PolicyAnalyzer(SynonymMap synonyms) {
        this.synonyms = synonyms;
    }

    /** For clause text as it is indexed. */
    public static PolicyAnalyzer forClauses() {
        return new PolicyAnalyzer(null);
    }

    /** For questions: the clause analysis plus synonyms. */
    public static PolicyAnalyzer forQuestions(SynonymMap synonyms) {
        return new PolicyAnalyzer(synonyms);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new LowerCaseFilter(stream);
        if (synonyms != null) {
            stream = new SynonymGraphFilter(stream, synonyms, true);
        }
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new ASCIIFoldingFilter(in));
    }
}
