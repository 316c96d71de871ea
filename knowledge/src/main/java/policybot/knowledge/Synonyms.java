package policybot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/** The reviewed synonym file (Solr format), read into Lucene's synonym map. */
public final class Synonyms {
    public static final String BUNDLED = "policybot/knowledge/synonyms.txt";

    private Synonyms() {
    }

    public static SynonymMap bundled() {
        try (InputStream in = Synonyms.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the synonym file " + BUNDLED + " is missing from the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SynonymMap parse(String text) {
        return parse(new StringReader(text));
    }

    private static SynonymMap parse(Reader reader) {
        // Entries are matched before stemming, so they are read with the same tokens and case folding.
        Analyzer entries = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(new ASCIIFoldingFilter(new EnglishPossessiveFilter(source)));
                return new TokenStreamComponents(source, stream);
            }
        };
        try (entries) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, entries);
            parser.parse(reader);
            return parser.build();
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("the synonym file is not valid: " + e.getMessage(), e);
        }
    }
}
