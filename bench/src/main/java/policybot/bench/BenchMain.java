package policybot.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/benchmarks.jar <command>} from the project root:
 * <ul>
 *   <li>{@code jmh [JMH options]}: the JMH benchmarks (raw BM25 search, full answer call, index
 *       build, bot build, JSON line) on the policy as it is and repeated 10 and 100 times, then the
 *       ratio of the answer call to the raw search;</li>
 *   <li>{@code load [--concurrency 8 --duration 20 --rate 1000 --warmup 15 --requests 300000 --jvm "..." --store-dir DIR]}:
 *       the load test of POST /api/ask on the jar's server;</li>
 *   <li>{@code startup [--runs 5 --jvm "..."]}: start-up times of the jar ({@code serve} and {@code ask});</li>
 *   <li>{@code phases}: where a cold start's time goes, step by step, in this JVM;</li>
 *   <li>{@code threads [--threads 1,2,16,64 --seconds 8]}: the answer call from many threads at once.</li>
 * </ul>
 */
public final class BenchMain {
    /** Held: a logger whose level is set must not be garbage-collected with the setting. */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // as the jar's Main does: the warning about the incubating vector API says nothing here
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        if (args.length == 0) {
            System.err.println("usage: java -jar benchmarks.jar jmh [JMH options] | load [options] | startup [options] | phases | threads [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code;
        try {
            code = switch (args[0]) {
                case "jmh" -> JmhRun.run(rest);
                case "load" -> LoadTest.run(rest);
                case "startup" -> StartupTimes.run(rest);
                case "phases" -> StartupPhases.run();
                case "threads" -> ThreadsBench.run(rest);
                default -> {
                    System.err.println("unknown command " + args[0] + ": jmh, load, startup, phases or threads");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("bench " + args[0] + ": " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }
}
