package policybot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server from the built jar in a child process, on 127.0.0.1 and a free port, with its store in
 * a fresh temporary directory that is removed when it stops.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

    final Process process;
    final URI base;
    /** {@link System#nanoTime()} just before the JVM was started. */
    final long startedAt;
    /** Nanos from asking the OS to start the JVM to the "ready" line on its standard output. */
    final long readyLineNanos;
    private final Path dir;
    private final Thread errDrain;

    private ServerProcess(Process process, URI base, long startedAt, long readyLineNanos, Path dir, Thread errDrain) {
        this.process = process;
        this.base = base;
        this.startedAt = startedAt;
        this.readyLineNanos = readyLineNanos;
        this.dir = dir;
        this.errDrain = errDrain;
    }

    static ServerProcess start(Path jar, List<String> jvmOptions, Map<String, String> env) throws IOException {
        return start(jar, jvmOptions, env, null);
    }

    /** @param under where the temporary directory (and so the store) goes; null: the system's default */
    static ServerProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, Path under) throws IOException {
        Path dir = under == null ? Files.createTempDirectory("policybot-bench-") : Files.createTempDirectory(under, "policybot-bench-");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve", "--port", "0", "--host", "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("POLICYBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("policybot.db"));
        pb.environment().putAll(env);
        String log = System.getProperty("policybot.bench.serverLog");
        if (log != null) {
            // for finding out why a run went wrong: the server's standard error, kept
            pb.redirectError(ProcessBuilder.Redirect.appendTo(Path.of(log).toFile()));
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        // stderr is drained (and kept quiet) so the server never blocks on a full pipe
        Thread drain = Thread.ofPlatform().daemon().start(() -> {
            try (var err = p.getErrorStream()) {
                err.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                long ready = System.nanoTime() - t0;
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                return new ServerProcess(p, URI.create("http://127.0.0.1:" + m.group(1)), t0, ready, dir, drain);
            }
        }
        p.destroyForcibly();
        delete(dir);
        throw new IOException("the server ended before it was ready (exit " + waitFor(p) + "): " + String.join(" ", command));
    }

    /**
     * Polls /readyz until it answers 200; the nanos from the JVM's start. A plain socket, so the
     * poller's own class loading does not count against the server's start-up.
     */
    long awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (RawHttp.status(base.getPort(), "GET", "/readyz", null) == 200) {
                    return System.nanoTime() - startedAt;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        throw new IOException("/readyz did not answer 200 within " + limit);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the server's graceful stop
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            errDrain.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
