package policybot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up from the built jar, each run a new JVM: {@code serve} from the JVM's start to the
 * "ready" line, to {@code /readyz} answering 200 and to the first {@code POST /api/ask} answered;
 * {@code ask --json --no-log} from the JVM's start to its answer on standard output and to its exit.
 */
final class StartupTimes {
    static final String QUESTION = "can I paste student marks into ChatGPT?";

    private StartupTimes() {
    }

    /** One way of starting: a jar and the JVM options it is started with. */
    record Variant(Path jar, List<String> jvm) {
        String label() {
            return jar + (jvm.isEmpty() ? "" : " " + String.join(" ", jvm));
        }
    }

    /** What one variant measured, run after run. */
    record Figures(List<Double> readyLine, List<Double> readyz, List<Double> firstApi, List<Double> serveCpu,
                   List<Double> askLine, List<Double> askExit, List<Double> askCpu) {
        Figures() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * {@code --jar a.jar,b.jar} and {@code --jvm "opts;other opts"} give several variants (every jar
     * with every set of options; {@code {jar}} in the options is the jar's path without ".jar");
     * each run starts every variant once, in turn, so that the machine's changing load falls on
     * all of them alike.
     */
    static int run(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args, Map.of("jar", "deployment/target/policybot.jar", "runs", "5", "jvm", ""));
        List<Variant> variants = new ArrayList<>();
        for (String j : o.get("jar").split(",")) {
            Path jar = Path.of(j.strip());
            if (!Files.isRegularFile(jar)) {
                System.err.println("bench startup: no jar at " + jar.toAbsolutePath()
                        + ": build it first (./mvnw -q -DskipTests package) or give --jar");
                return 2;
            }
            for (String options : o.get("jvm").split(";", -1)) {
                // {jar} stands for the jar's path without ".jar": -XX:AOTCache={jar}.aot gives each jar its own cache
                String own = options.replace("{jar}", jar.toString().replaceFirst("\\.jar$", ""));
                variants.add(new Variant(jar, own.isBlank() ? List.of() : Arrays.asList(own.strip().split("\\s+"))));
            }
        }
        int runs = Integer.parseInt(o.get("runs"));
        System.out.println("Machine: " + Machine.describe());
        Map<Variant, Figures> all = new java.util.LinkedHashMap<>();
        variants.forEach(v -> all.put(v, new Figures()));
        String body = "{\"text\":\"" + QUESTION + "\"}";
        for (int run = 1; run <= runs; run++) {
            for (Variant v : variants) {
                Figures f = all.get(v);
                try (ServerProcess server = ServerProcess.start(v.jar(), v.jvm(), Map.of())) {
                    f.readyLine().add(server.readyLineNanos / 1e6);
                    f.readyz().add(server.awaitReady(Duration.ofSeconds(60)) / 1e6);
                    f.serveCpu().add(server.process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN));
                    int status = RawHttp.status(server.base.getPort(), "POST", "/api/ask", body);
                    f.firstApi().add((System.nanoTime() - server.startedAt) / 1e6);
                    if (status != 200) {
                        throw new IOException("the first POST /api/ask answered " + status);
                    }
                }
                double[] ask = ask(v.jar(), v.jvm());
                f.askLine().add(ask[0]);
                f.askExit().add(ask[1]);
                f.askCpu().add(ask[2]);
                System.out.printf(Locale.ROOT, "run %d, %s: serve /readyz 200 %.0f ms (CPU %.0f ms), first /api/ask %.0f ms; "
                                + "ask answer %.0f ms (CPU %.0f ms)   (%s)%n", run, v.label(), f.readyz().getLast(),
                        f.serveCpu().getLast(), f.firstApi().getLast(), f.askLine().getLast(), f.askCpu().getLast(),
                        Machine.load());
            }
        }
        System.out.println("median (min..max) over " + runs + " runs, from the JVM's start:");
        for (Map.Entry<Variant, Figures> e : all.entrySet()) {
            Figures f = e.getValue();
            System.out.println(e.getKey().label() + ":");
            System.out.println("  serve: ready line " + stats(f.readyLine()) + ", /readyz 200 " + stats(f.readyz())
                    + ", first /api/ask answered " + stats(f.firstApi()) + "; CPU used by /readyz 200 " + stats(f.serveCpu()));
            System.out.println("  ask --json --no-log: answer printed " + stats(f.askLine()) + ", process exit "
                    + stats(f.askExit()) + "; CPU used " + stats(f.askCpu()));
        }
        System.out.println("(CPU: user + system time of the JVM's threads, which other people's load inflates less than "
                + "the wall-clock figures)");
        return 0;
    }

    /** Milliseconds to the answer line on standard output, to the exit, and of CPU it used. */
    static double[] ask(Path jar, List<String> jvm) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("policybot-bench-ask-");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "ask", "--json", "--no-log", QUESTION));
            long cpu0 = childrenCpuMillis();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            long answered = System.nanoTime() - t0;
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ask did not end");
            }
            long exited = System.nanoTime() - t0;
            if (line == null || !line.startsWith("{") || p.exitValue() != 0) {
                throw new IOException("ask failed (exit " + p.exitValue() + "): " + line);
            }
            return new double[] {answered / 1e6, exited / 1e6, childrenCpuMillis() - cpu0};
        } finally {
            ServerProcess.delete(dir);
        }
    }

    /**
     * User and system time of this process's children that have ended and been waited for
     * (Linux: /proc/self/stat cutime and cstime, in clock ticks of 10 ms); -1 elsewhere.
     */
    static long childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3, cutime field 16 and cstime field 17
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String stats(List<Double> ms) {
        double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.0f ms (%.0f..%.0f)", median, s[0], s[s.length - 1]);
    }
}
