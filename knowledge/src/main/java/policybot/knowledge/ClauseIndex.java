package policybot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The clauses of one policy version in an in-memory Lucene index. A question becomes a bag of
 * analysed terms (synonyms weighted below the staff member's own words), searched with BM25 over
 * the clause text, its context (a list's lead-in, a role's name, a defined term), its section
 * path and its principle, each with its own boost.
 */
public final class ClauseIndex implements AutoCloseable {
    static final String ID = "id";
    static final String TEXT = "text";
    static final String CONTEXT = "context";
    static final String SECTION = "section";
    static final String PRINCIPLE = "principle";
    /** Staff wordings the policy team marked as answered by the clause (the review queue). */
    static final String ALTERNATES = "alternates";

    /** How much each field counts; the clause's own words count most. */
    private static final Map<String, Float> FIELD_BOOSTS = fieldBoosts();

    /** In a fixed order: Map.of's order changes from one JVM to the next, and float sums follow the order. */
    private static Map<String, Float> fieldBoosts() {
        Map<String, Float> boosts = new LinkedHashMap<>();
        boosts.put(TEXT, 1.0f);
        boosts.put(CONTEXT, 0.4f);
        boosts.put(SECTION, 0.3f);
        boosts.put(PRINCIPLE, 0.3f);
        boosts.put(ALTERNATES, 1.2f);
        return java.util.Collections.unmodifiableMap(boosts);
    }
    /** A word the synonym file added counts less than a word the person wrote. */
    private static final float SYNONYM_WEIGHT = 0.6f;

    private final PolicyDocument document;
    private final Analyzer questionAnalyzer;
    private final Analyzer clauseAnalyzer = PolicyAnalyzer.forClauses();
    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Clause> byId = new LinkedHashMap<>();
    /** Each alternate wording's analysed terms, and the clause it belongs to, in the order added. */
    private final List<Map.Entry<java.util.Set<String>, String>> alternateTerms = new ArrayList<>();
    /** An alternate wording is the same question when this share of terms is common to both. */
    private static final double SAME_QUESTION = 0.75;
    /**
     * The clause of each Lucene document: document n is the policy's clause n (see the merge
     * policy below). Reading the stored id of every hit (decompressing its block) was a sixth of
     * an answer's time.
     */
    private final Clause[] byDoc;
    /**
     * The statistics and postings pointers of each indexed term a question has used, looked up once:
     * the index never changes, and looking every term of every question up in four fields was a
     * sixth of an answer's time. Only terms the index holds are kept, so the map is bounded by its
     * vocabulary whatever people ask.
     */
    private final Map<Term, TermStates> termStates = new ConcurrentHashMap<>();
    /**
     * Each field's terms, so that a question's word a field does not hold (most words, in the
     * smaller fields) needs no look-up at all: it gets {@link #absent}, what a look-up would find.
     */
    private final Map<String, Set<BytesRef>> vocabulary = new HashMap<>();
    private final TermStates absent;

    public ClauseIndex(PolicyDocument document, SynonymMap synonyms) {
        this(document, synonyms, Map.of());
    }

    /**
     * @param alternates clause id -> wordings staff used that the policy team marked as answered
     *                   by that clause; they are searched like the clause's own words
     */
    public ClauseIndex(PolicyDocument document, SynonymMap synonyms, Map<String, List<String>> alternates) {
        this.document = document;
        this.questionAnalyzer = PolicyAnalyzer.forQuestions(synonyms);
        this.directory = new ByteBuffersDirectory();
        // One writing thread, and a merge policy that only merges neighbouring segments: documents
        // keep the order they were added in, so document n is clause n (and ties between equal
        // scores fall in document order, as search() promises).
        // No compound files: in memory they buy nothing, and forceMerge would rewrite the one segment
        // to drop its compound file.
        IndexWriterConfig config = new IndexWriterConfig(clauseAnalyzer).setSimilarity(new BM25Similarity())
                .setMergePolicy(new LogByteSizeMergePolicy()).setUseCompoundFile(false);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (Clause clause : document.clauses()) {
                Document doc = new Document();
                doc.add(new StoredField(ID, clause.id()));
                doc.add(new TextField(TEXT, clause.text(), Field.Store.NO));
                doc.add(new TextField(CONTEXT, clause.context(), Field.Store.NO));
                doc.add(new TextField(SECTION, String.join(" ", clause.sectionPath()), Field.Store.NO));
                doc.add(new TextField(PRINCIPLE, clause.principle() == null ? "" : clause.principle(), Field.Store.NO));
                for (String wording : alternates.getOrDefault(clause.id(), List.of())) {
                    doc.add(new TextField(ALTERNATES, wording, Field.Store.NO));
                    java.util.Set<String> terms = new java.util.TreeSet<>();
                    analyse(clauseAnalyzer, wording, terms::add);
                    if (!terms.isEmpty()) {
                        alternateTerms.add(Map.entry(terms, clause.id()));
                    }
                }
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
            writer.commit();
            reader = DirectoryReader.open(directory);
            byDoc = document.clauses().toArray(new Clause[0]);
            StoredFields stored = reader.storedFields();
            int last = byDoc.length - 1;
            if (reader.maxDoc() != byDoc.length || reader.leaves().size() > 1 || last >= 0
                    && (!byDoc[0].id().equals(stored.document(0).get(ID)) || !byDoc[last].id().equals(stored.document(last).get(ID)))) {
                throw new IllegalStateException("the clause index does not hold the clauses in document order");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the clause index", e);
        }
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        absent = new TermStates(searcher.getTopReaderContext());
        try {
            for (String field : FIELD_BOOSTS.keySet()) {
                Set<BytesRef> words = new HashSet<>();
                for (LeafReaderContext leaf : reader.leaves()) {
                    Terms terms = leaf.reader().terms(field);
                    if (terms != null) {
                        TermsEnum it = terms.iterator();
                        for (BytesRef t; (t = it.next()) != null; ) {
                            words.add(BytesRef.deepCopyOf(t));
                        }
                    }
                }
                vocabulary.put(field, words);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the clause index", e);
        }
    }

    public PolicyDocument document() {
        return document;
    }

    /**
     * The analysed terms of a question with their weights, in the order they were first seen: the
     * person's own words at 1, words only the synonyms added at {@link #SYNONYM_WEIGHT}.
     */
    public Map<String, Float> terms(String question) {
        Map<String, Float> terms = new LinkedHashMap<>();
        analyse(clauseAnalyzer, question, term -> terms.put(term, 1.0f));
        analyse(questionAnalyzer, question, term -> terms.putIfAbsent(term, SYNONYM_WEIGHT));
        return terms;
    }

    private static void analyse(Analyzer analyzer, String text, java.util.function.Consumer<String> sink) {
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                sink.accept(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The clause whose alternate question (a wording the policy team marked as answered by it) is
     * this question, near enough: three quarters of the two wordings' terms in common.
     */
    public java.util.Optional<String> alternateFor(String question) {
        if (alternateTerms.isEmpty()) {
            return java.util.Optional.empty(); // nothing taught yet: no need to analyse the question again
        }
        java.util.Set<String> asked = new java.util.TreeSet<>();
        analyse(clauseAnalyzer, question, asked::add);
        String best = null;
        double bestShare = SAME_QUESTION;
        for (Map.Entry<java.util.Set<String>, String> alt : alternateTerms) {
            java.util.Set<String> common = new java.util.TreeSet<>(alt.getKey());
            common.retainAll(asked);
            java.util.Set<String> all = new java.util.TreeSet<>(alt.getKey());
            all.addAll(asked);
            double share = all.isEmpty() ? 0 : (double) common.size() / all.size();
            if (share >= bestShare && (best == null || share > bestShare)) {
                best = alt.getValue();
                bestShare = share;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** All clauses that share a term with the question, best first, ties in document order. */
    public List<ScoredClause> search(String question) {
        return search(terms(question));
    }

    public List<ScoredClause> search(Map<String, Float> terms) {
        if (terms.isEmpty()) {
            return List.of();
        }
        try {
            ScoreDoc[] hits = searcher.search(query(terms), document.clauses().size()).scoreDocs;
            List<ScoredClause> out = new ArrayList<>(hits.length);
            for (ScoreDoc hit : hits) {
                out.add(new ScoredClause(byDoc[hit.doc], hit.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The BM25 score of every clause for the question, in document order (0 for a clause that
     * shares no term with it): the scores {@link #search} gives, without ordering them. Each is
     * computed by the same scorer as in {@link #search} (same query, same score mode, and, as there,
     * no hit is ever skipped), so the numbers are the same to the last bit; only the priority queue
     * of all clauses, which grows with the policy, is not built.
     */
    public float[] scores(String question) {
        Map<String, Float> terms = terms(question);
        float[] scores = new float[byDoc.length];
        if (terms.isEmpty()) {
            return scores;
        }
        try {
            searcher.search(query(terms), new CollectorManager<Collector, float[]>() {
                @Override
                public Collector newCollector() {
                    return new SimpleCollector() {
                        private Scorable scorer;
                        private int docBase;

                        @Override
                        public ScoreMode scoreMode() {
                            // as TopScoreDocCollector's for search(): the same bulk scorer sums the same way
                            return ScoreMode.TOP_SCORES;
                        }

                        @Override
                        public void setScorer(Scorable scorer) {
                            this.scorer = scorer;
                        }

                        @Override
                        protected void doSetNextReader(LeafReaderContext context) {
                            docBase = context.docBase;
                        }

                        @Override
                        public void collect(int doc) throws IOException {
                            scores[docBase + doc] = scorer.score(); // document n is clause n
                        }
                    };
                }

                @Override
                public float[] reduce(java.util.Collection<Collector> collectors) {
                    return scores;
                }
            });
            return scores;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query query(Map<String, Float> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> t : terms.entrySet()) {
            for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
                Term term = new Term(field.getKey(), t.getKey());
                TermStates states = termStates(term);
                if (states.docFreq() == 0) {
                    // It would have no scorer, so it adds nothing to any clause's score; leaving it
                    // out spares rewriting it and building its weight for every question.
                    continue;
                }
                query.add(new BoostQuery(new TermQuery(term, states), field.getValue() * t.getValue()),
                        BooleanClause.Occur.SHOULD);
            }
        }
        return query.build();
    }

    private TermStates termStates(Term term) {
        // the term's own bytes, as a look-up in the index would compare them
        if (!vocabulary.get(term.field()).contains(term.bytes())) {
            return absent;
        }
        TermStates known = termStates.get(term);
        if (known != null) {
            return known;
        }
        try {
            // as TermQuery builds them itself when it is given none
            TermStates built = TermStates.build(searcher, term, true);
            if (built.docFreq() > 0) {
                termStates.putIfAbsent(term, built);
            }
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
