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

    static int run(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args, Map.of("jar", "deployment/target/policybot.jar", "runs", "5", "jvm", ""));
        Path jar = Path.of(o.get("jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench startup: no jar at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -q -DskipTests package) or give --jar");
            return 2;
        }
        int runs = Integer.parseInt(o.get("runs"));
        List<String> jvm = o.get("jvm").isBlank() ? List.of() : Arrays.asList(o.get("jvm").strip().split("\\s+"));
        System.out.println("Machine: " + Machine.describe());
        System.out.println("JVM options: " + (jvm.isEmpty() ? "(none)" : String.join(" ", jvm)));
        List<Double> readyLine = new ArrayList<>(), readyz = new ArrayList<>(), firstApi = new ArrayList<>();
        List<Double> askLine = new ArrayList<>(), askExit = new ArrayList<>();
        String body = "{\"text\":\"" + QUESTION + "\"}";
        for (int run = 1; run <= runs; run++) {
            try (ServerProcess server = ServerProcess.start(jar, jvm, Map.of())) {
                readyLine.add(server.readyLineNanos / 1e6);
                readyz.add(server.awaitReady(Duration.ofSeconds(60)) / 1e6);
                int status = RawHttp.status(server.base.getPort(), "POST", "/api/ask", body);
                firstApi.add((System.nanoTime() - server.startedAt) / 1e6);
                if (status != 200) {
                    throw new IOException("the first POST /api/ask answered " + status);
                }
            }
            double[] ask = ask(jar, jvm);
            askLine.add(ask[0]);
            askExit.add(ask[1]);
            System.out.printf(Locale.ROOT, "run %d: serve ready line %.0f ms, /readyz 200 %.0f ms, first /api/ask %.0f ms; "
                            + "ask answer %.0f ms, exit %.0f ms   (%s)%n", run, readyLine.getLast(), readyz.getLast(),
                    firstApi.getLast(), askLine.getLast(), askExit.getLast(), Machine.load());
        }
        System.out.println("median (min..max) over " + runs + " runs, from the JVM's start:");
        System.out.println("  serve: ready line " + stats(readyLine) + ", /readyz 200 " + stats(readyz)
                + ", first /api/ask answered " + stats(firstApi));
        System.out.println("  ask --json --no-log: answer printed " + stats(askLine) + ", process exit " + stats(askExit));
        return 0;
    }

    /** Milliseconds to the answer line on standard output and to the exit. */
    static double[] ask(Path jar, List<String> jvm) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("policybot-bench-ask-");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "ask", "--json", "--no-log", QUESTION));
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
            return new double[] {answered / 1e6, exited / 1e6};
        } finally {
            ServerProcess.delete(dir);
        }
    }

    static String stats(List<Double> ms) {
        double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.0f ms (%.0f..%.0f)", median, s[0], s[s.length - 1]);
    }
}
