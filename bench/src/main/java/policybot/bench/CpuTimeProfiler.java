package policybot.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark's JVM per operation, next to JMH's wall-clock time. On a machine whose
 * cores are shared with other people's builds, wall-clock time per operation grows with their
 * load; the CPU time it took does much less (it still includes the JIT and the GC, which are part
 * of the cost). Reported as {@code ·cpu} in us/op.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private long cpuBefore;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = cpu();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long used = cpu() - cpuBefore;
        long ops = result.getMetadata().getMeasuredOps();
        double perOp = ops == 0 ? Double.NaN : used / 1000.0 / ops;
        double unitScale = switch (result.getScoreUnit()) {
            case "ms/op" -> 1e-3;
            case "ns/op" -> 1e3;
            case "s/op" -> 1e-6;
            default -> 1;
        };
        return List.of(new ScalarResult("cpu", perOp * unitScale, result.getScoreUnit(), AggregationPolicy.AVG));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
