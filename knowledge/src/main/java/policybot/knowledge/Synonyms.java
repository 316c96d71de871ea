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

    /**
     * A rule {@code a, b => x y} adds the policy's words and keeps the staff member's: it is read as
     * {@code a => a, x y} and {@code b => b, x y}. A rule {@code a, b >> x y} replaces them (Solr's
     * plain {@code =>}). Lines with neither (equivalences) are kept as written.
     */
    static String keepOriginals(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            int arrow = line.indexOf("=>");
            if (!line.strip().startsWith("#") && line.contains(">>")) {
                out.append(line.replace(">>", "=>")).append('\n');
                continue;
            }
            if (line.strip().startsWith("#") || arrow < 0) {
                out.append(line).append('\n');
                continue;
            }
            String right = line.substring(arrow + 2).strip();
            for (String left : line.substring(0, arrow).split(",")) {
                String l = left.strip();
                if (!l.isEmpty()) {
                    out.append(l).append(" => ").append(l).append(", ").append(right).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static SynonymMap parse(Reader source) {
        String text;
        try {
            text = new String(readAll(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reader reader = new StringReader(keepOriginals(text));
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

    private static char[] readAll(Reader r) throws IOException {
        StringBuilder s = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) > 0; ) {
            s.append(buf, 0, n);
        }
        return s.toString().toCharArray();
    }
}
