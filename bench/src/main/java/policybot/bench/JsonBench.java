package policybot.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;

/** The contract's JSON line of an answer ({@code AnswerJson.line}), over the development questions' answers. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonBench {
    private List<Answer> answers;

    @Setup(Level.Trial)
    public void setUp() {
        PolicyBot bot = BotFactory.bundled();
        answers = DevQuestions.all().stream().map(bot::answer).toList();
    }

    @Benchmark
    @OperationsPerInvocation(RawSearchBench.QUESTIONS)
    public void line(Blackhole bh) {
        for (Answer a : answers) {
            bh.consume(AnswerJson.line(a));
        }
    }
}
