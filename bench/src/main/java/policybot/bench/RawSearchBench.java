package policybot.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import policybot.knowledge.Clause;
import policybot.knowledge.PolicyDocument;

/**
 * The floor: a plain Lucene BM25 search of the clauses' text, as any search box would do it. Each
 * question is analysed with {@link StandardAnalyzer}, its terms OR-ed, the top 10 clauses taken
 * and their ids read back. One operation is one question (the score is per question, averaged
 * over the 166 development questions).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RawSearchBench {
    static final int QUESTIONS = 166;

    /** How many times the policy is repeated (1 = the policy as it is). */
    @Param({"1"})
    public int copies;

    private Analyzer analyzer;
    private ByteBuffersDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private List<String> questions;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        questions = DevQuestions.texts();
        if (questions.size() != QUESTIONS) {
            throw new IllegalStateException("expected " + QUESTIONS + " questions, found " + questions.size());
        }
        PolicyDocument policy = SyntheticPolicy.repeated(copies);
        analyzer = new StandardAnalyzer();
        directory = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Clause c : policy.clauses()) {
                Document d = new Document();
                d.add(new StoredField("id", c.id()));
                d.add(new TextField("text", c.text(), Field.Store.NO));
                w.addDocument(d);
            }
            w.forceMerge(1);
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        directory.close();
        analyzer.close();
    }

    @Benchmark
    @OperationsPerInvocation(QUESTIONS)
    public void search(Blackhole bh) throws IOException {
        for (String q : questions) {
            bh.consume(topIds(q));
        }
    }

    /** The ids of the ten best clauses for a question. */
    String[] topIds(String question) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        try (TokenStream ts = analyzer.tokenStream("text", question)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                query.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
            }
            ts.end();
        }
        ScoreDoc[] hits = searcher.search(query.build(), 10).scoreDocs;
        StoredFields stored = searcher.storedFields();
        String[] ids = new String[hits.length];
        for (int i = 0; i < hits.length; i++) {
            ids[i] = stored.document(hits[i].doc).get("id");
        }
        return ids;
    }
}
