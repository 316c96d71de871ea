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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.conversation.ConversationMemory;
import policybot.bot.routing.RoutingTable;

/**
 * The core's whole answer call, {@code PolicyBot.answer}, over the 166 development questions in
 * turn (read, intent, retrieval, verdict, composing the reply). One operation is one question.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnswerBench {
    /** How many times the policy is repeated (1 = the policy as it is). */
    @Param({"1"})
    public int copies;

    private PolicyBot bot;
    private List<Question> questions;

    @Setup(Level.Trial)
    public void setUp() {
        questions = DevQuestions.all();
        if (questions.size() != RawSearchBench.QUESTIONS) {
            throw new IllegalStateException("expected " + RawSearchBench.QUESTIONS + " questions");
        }
        bot = BotFactory.create(SyntheticPolicy.repeated(copies), RoutingTable.bundled(), ConversationMemory.standard());
    }

    private int next;

    @Benchmark
    @OperationsPerInvocation(RawSearchBench.QUESTIONS)
    public void answer(Blackhole bh) {
        for (Question q : questions) {
            bh.consume(bot.answer(q));
        }
    }

    /**
     * One question per operation, the questions in turn, each timed: the distribution (median, 99th
     * percentile) of one answer's time, where {@link #answer} gives the mean.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Object answerEach() {
        Question q = questions.get(next);
        next = next + 1 == questions.size() ? 0 : next + 1;
        return bot.answer(q);
    }
}
