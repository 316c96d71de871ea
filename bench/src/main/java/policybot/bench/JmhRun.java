package policybot.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks in one go and prints each figure, then the ratio of the full answer call
 * to the raw BM25 search measured in the same run, for each size of policy. Any JMH option may be
 * given ({@code -f 2 -i 10 -p copies=1}); without {@code -p copies=...} every benchmark that has
 * it runs on the policy as it is and repeated 10 and 100 times.
 */
final class JmhRun {
    static final int POLICY_CLAUSES = 218;

    private JmhRun() {
    }

    static int run(String[] args) throws RunnerException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bench jmh: " + e.getMessage());
            return 2;
        }
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("policybot\\.bench\\..*Bench\\..*");
        }
        if (!cli.getParameter("copies").hasValue()) {
            options.param("copies", "1", "10", "100");
        }
        options.addProfiler(CpuTimeProfiler.class);
        Options built = options.build();
        String before = Machine.describe();
        Collection<RunResult> results = new Runner(built).run();
        System.out.println();
        System.out.println("Machine: " + before + "; after the run: " + Machine.load());
        System.out.println(summary(results));
        return 0;
    }

    record Figure(String benchmark, int copies, double score, double error, double min, double max, String unit,
                  double cpu, double p50, double p99) {
        /** Micro-seconds per operation, whatever the unit the benchmark reported in. */
        double micros() {
            return micros(score);
        }

        double cpuMicros() {
            return micros(cpu);
        }

        double micros(double v) {
            return switch (unit) {
                case "us/op" -> v;
                case "ms/op" -> v * 1000;
                case "ns/op" -> v / 1000;
                case "s/op" -> v * 1_000_000;
                default -> Double.NaN;
            };
        }
    }

    static String summary(Collection<RunResult> results) {
        List<Figure> figures = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String c = r.getParams().getParam("copies");
            Result<?> cpu = r.getSecondaryResults().get("cpu");
            boolean sampled = r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.SampleTime;
            figures.add(new Figure(name, c == null ? 1 : Integer.parseInt(c), p.getScore(), p.getScoreError(),
                    p.getStatistics().getMin(), p.getStatistics().getMax(), p.getScoreUnit(),
                    cpu == null ? Double.NaN : cpu.getScore(),
                    sampled ? p.getStatistics().getPercentile(50) : Double.NaN,
                    sampled ? p.getStatistics().getPercentile(99) : Double.NaN));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-28s %6s %7s %6s %26s %24s %12s %12s%n", "benchmark", "copies", "clauses",
                "unit", "wall time (99.9% CI)", "iterations min..max", "CPU time", "per second"));
        for (Figure f : figures) {
            s.append(String.format(Locale.ROOT, "%-28s %6d %7d %6s %14.3f ± %-10.3f %11.3f..%-11.3f %12.3f %12s%n",
                    f.benchmark(), f.copies(), f.copies() * POLICY_CLAUSES, f.unit(), f.score(), f.error(), f.min(), f.max(),
                    f.cpu(), String.format(Locale.ROOT, "%,.0f", 1_000_000 / f.micros())));
        }
        for (Figure f : figures) {
            if (!Double.isNaN(f.p50())) {
                s.append(String.format(Locale.ROOT, "%s, %d clauses: one answer's time: median %.1f us, 99th percentile %.1f us%n",
                        f.benchmark(), f.copies() * POLICY_CLAUSES, f.micros(f.p50()), f.micros(f.p99())));
            }
        }
        Map<Integer, Figure> search = new LinkedHashMap<>();
        Map<Integer, Figure> answer = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.benchmark().equals("RawSearchBench.search")) {
                search.put(f.copies(), f);
            } else if (f.benchmark().equals("AnswerBench.answer")) {
                answer.put(f.copies(), f);
            }
        }
        for (Map.Entry<Integer, Figure> a : answer.entrySet()) {
            Figure raw = search.get(a.getKey());
            if (raw != null) {
                s.append(String.format(Locale.ROOT,
                        "full answer / raw BM25 search, %d clauses: wall %.1f us / %.1f us = %.2fx (%,.0f answers a second on one "
                                + "thread); CPU %.1f us / %.1f us = %.2fx (%,.0f a second of CPU)%n",
                        a.getKey() * POLICY_CLAUSES, a.getValue().micros(), raw.micros(),
                        a.getValue().micros() / raw.micros(), 1_000_000 / a.getValue().micros(),
                        a.getValue().cpuMicros(), raw.cpuMicros(), a.getValue().cpuMicros() / raw.cpuMicros(),
                        1_000_000 / a.getValue().cpuMicros()));
            }
        }
        return s.toString();
    }
}
