package policybot.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.apache.lucene.analysis.synonym.SynonymMap;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;
import policybot.bot.routing.RoutingTable;
import policybot.bot.understanding.ConceptModel;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicySource;
import policybot.knowledge.Synonyms;

/**
 * Where a cold start's time goes, one step after the other in this (fresh) JVM: each figure is
 * the step's own work plus the class loading and interpretation it is the first to need. Run it
 * as its own process ({@code java -jar benchmarks.jar phases}) so that it is cold.
 */
final class StartupPhases {
    private static long t = System.nanoTime();
    private static long cpu = processCpu();
    private static long threadCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();

    private StartupPhases() {
    }

    static int run() {
        System.out.printf(Locale.ROOT, "JVM start to main: %d ms%n",
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        lap(null);
        PolicyDocument policy = PolicySource.bundled();
        lap("policy read, parsed, checked verbatim");
        SynonymMap synonyms = Synonyms.bundled();
        lap("synonyms (Lucene synonym map)");
        ClauseIndex index = new ClauseIndex(policy, synonyms);
        lap("clause index (Lucene)");
        ConceptModel.bundled();
        lap("concept model (concepts.yaml)");
        RoutingTable.bundled();
        lap("routing table (routing.yaml)");
        PolicyBot bot = BotFactory.bundled();
        lap("BotFactory.bundled() after the above (word list, speller; the rest again, warmer)");
        Answer a = bot.answer(Question.of(StartupTimes.QUESTION));
        lap("first answer");
        AnswerJson.line(a);
        lap("first JSON line");
        bot.answer(Question.of("who approves exceptions?"));
        lap("second answer");
        index.close();
        System.out.printf(Locale.ROOT, "JVM start to here: %d ms, CPU %.0f ms (%s)%n",
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime(), processCpu() / 1e6,
                Machine.load());
        return 0;
    }

    private static void lap(String what) {
        long now = System.nanoTime();
        long c = processCpu();
        long tc = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        if (what != null) {
            System.out.printf(Locale.ROOT, "  %-64s %6.0f ms wall %6.0f ms CPU (this thread %4.0f ms)%n", what, (now - t) / 1e6,
                    (c - cpu) / 1e6, (tc - threadCpu) / 1e6);
        }
        t = System.nanoTime();
        cpu = processCpu();
        threadCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
