package policybot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;

/**
 * Everything start-up builds for the bundled bot (policy read, parsed and checked verbatim,
 * synonyms, clause index, concepts, word list, spelling corrector), warm. A cold start adds class
 * loading and interpretation on top, which {@code startup} and {@code phases} measure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BotBuildBench {
    @Benchmark
    public PolicyBot botBuild() {
        return BotFactory.bundled();
    }
}
