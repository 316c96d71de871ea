package policybot.bench;

import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.Synonyms;

/**
 * The clause index built from parsed clauses, warm (the JIT has compiled it; a cold start adds
 * class loading and interpretation on top, which {@code startup} measures).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IndexBuildBench {
    /** How many times the policy is repeated (1 = the policy as it is). */
    @Param({"1"})
    public int copies;

    private PolicyDocument policy;
    private SynonymMap synonyms;

    @Setup(Level.Trial)
    public void setUp() {
        policy = SyntheticPolicy.repeated(copies);
        synonyms = Synonyms.bundled();
    }

    @Benchmark
    public int indexBuild() {
        try (ClauseIndex index = new ClauseIndex(policy, synonyms)) {
            return index.document().clauses().size();
        }
    }
}
