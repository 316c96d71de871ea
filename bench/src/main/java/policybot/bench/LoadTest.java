package policybot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A load test of {@code POST /api/ask} on the server from the built jar, started here in a child
 * process on loopback with a fresh store, and stopped after. Each phase is bounded by time and by
 * request count. A phase is either as fast as it goes with a fixed number of connections (closed
 * loop: throughput) or a fixed arrival rate (open loop: each request has a scheduled start and its
 * latency is counted from then, so a stalled server is not hidden by the client waiting for it).
 * The questions are the 166 development questions in turn.
 */
final class LoadTest {

    record Phase(String name, int concurrency, double rate, Duration duration, int maxRequests) {
    }

    /**
     * @param written    latencies of the requests of the phase's first kind (the review queue written first; Slack events)
     * @param notWritten latencies of the rest
     */
    /** @param clientCpuBefore this process's processor time (ms) when the phase began */
    record Outcome(Phase phase, int sent, int errors, int firstErrors, double seconds, long[] latencies,
                   List<String> errorSamples, long[] written, long[] notWritten, long clientCpuBefore) {
        double throughput() {
            return (sent - errors) / seconds;
        }

        double percentile(double p) {
            return LoadTest.percentile(latencies, p);
        }
    }

    /** The p-th percentile (nearest rank) of sorted nanosecond latencies, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private LoadTest() {
    }

    static int run(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args, Map.ofEntries(Map.entry("jar", "deployment/target/policybot.jar"),
                Map.entry("concurrency", "8"), Map.entry("duration", "20"), Map.entry("requests", "300000"),
                Map.entry("rate", "1000"), Map.entry("warmup", "15"), Map.entry("jvm", ""), Map.entry("store-dir", ""),
                Map.entry("slack", "on"), Map.entry("slack-rate", ""), Map.entry("ask", "on")));
        Path jar = Path.of(o.get("jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench load: no jar at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -q -DskipTests package) or give --jar");
            return 2;
        }
        int concurrency = Integer.parseInt(o.get("concurrency"));
        Duration duration = Duration.ofSeconds(Long.parseLong(o.get("duration")));
        int maxRequests = Integer.parseInt(o.get("requests"));
        List<String> jvm = o.get("jvm").isBlank() ? List.of() : Arrays.asList(o.get("jvm").strip().split("\\s+"));
        List<byte[]> bodies = bodies();
        boolean[] writes = reviewWrites();

        System.out.println("Machine: " + Machine.describe());
        System.out.println("Server: java " + String.join(" ", jvm) + " -jar " + jar + " serve --port 0 --host 127.0.0.1");
        // only for reading /metrics after the run: the load itself goes through KeepAlive
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        Path storeDir = o.get("store-dir").isBlank() ? null : Path.of(o.get("store-dir"));
        System.out.println("Store: a fresh SQLite file under " + (storeDir == null ? System.getProperty("java.io.tmpdir") : storeDir));
        SlackEvents slack = o.get("slack").equals("off") ? null : SlackEvents.start();
        Map<String, String> env = slack == null ? Map.of() : slack.serverSettings();
        try (ServerProcess server = ServerProcess.start(jar, jvm, env, storeDir)) {
            long ready = server.awaitReady(Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "ready line after %.0f ms, /readyz 200 after %.0f ms (cold, under this load)%n",
                    server.readyLineNanos / 1e6, ready / 1e6);
            List<Phase> phases = List.of(
                    new Phase("warm-up", concurrency, 0, Duration.ofSeconds(Long.parseLong(o.get("warmup"))), maxRequests),
                    new Phase("max throughput, " + concurrency + " connections", concurrency, 0, duration, maxRequests),
                    new Phase("fixed rate " + o.get("rate") + "/s", Math.max(concurrency, 32), Double.parseDouble(o.get("rate")),
                            duration, maxRequests));
            // --ask off: only the warm-up of /api/ask before the Slack run, for profiling the Slack path alone
            for (Phase phase : o.get("ask").equals("off") ? phases.subList(0, 1) : phases) {
                long cpu = cpuMillis(server.process.pid());
                Outcome out = drive(server.base.getPort(), i -> ask(bodies, i), i -> writes[i % writes.length], phase);
                System.out.println(report(out, "no_answer (review queue written first)", "the rest") + "   ("
                        + Machine.load() + ")" + serverCpu(server, cpu, out));
            }
            if (slack != null) {
                double slackRate = Double.parseDouble(o.get("slack-rate").isBlank() ? o.get("rate") : o.get("slack-rate"));
                slack(server, slack, bodies, slackRate, duration, maxRequests);
            }
            String metrics;
            try (Response r = http.newCall(new Request.Builder().url(server.base.resolve("/metrics").toString()).build())
                    .execute()) {
                metrics = r.body().string();
            }
            System.out.printf(Locale.ROOT, "server heap after the run: used %.1f MB, committed %.1f MB, max %.1f MB; "
                            + "resident set %s; core answer call mean %.3f ms over %,.0f answers%n",
                    sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"") / 1e6,
                    sum(metrics, "jvm_memory_committed_bytes", "area=\"heap\"") / 1e6,
                    sum(metrics, "jvm_memory_max_bytes", "area=\"heap\"") / 1e6, rss(server.process.pid()),
                    sum(metrics, "policybot_answer_seconds_sum", "") / sum(metrics, "policybot_answer_seconds_count", "") * 1000,
                    sum(metrics, "policybot_answer_seconds_count", ""));
        } finally {
            if (slack != null) {
                slack.close();
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return 0;
    }

    /** The development questions as request bodies, built once so the client does no JSON work while it measures. */
    static List<byte[]> bodies() {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        DevQuestions.all().forEach(q -> {
            ObjectNode n = json.createObjectNode().put("id", q.id()).put("text", q.text());
            out.add(n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        return out;
    }

    /**
     * Which development questions the server answers {@code no_answer}, and so keeps in the review
     * queue (a committed write) before it answers: their latency is reported apart.
     */
    static boolean[] reviewWrites() {
        policybot.bot.PolicyBot bot = policybot.bot.BotFactory.bundled();
        List<policybot.bot.Question> questions = DevQuestions.all();
        boolean[] out = new boolean[questions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bot.answer(questions.get(i)).kind() == policybot.bot.answer.AnswerKind.NO_ANSWER;
        }
        return out;
    }

    static KeepAlive.Post ask(List<byte[]> bodies, int i) {
        return new KeepAlive.Post("/api/ask", bodies.get(i % bodies.size()), "");
    }

    /**
     * @param requests the i-th request of the phase
     * @param first    whether the i-th request is of the kind reported first
     */
    static Outcome drive(int port, IntFunction<KeepAlive.Post> requests, IntPredicate first, Phase phase)
            throws InterruptedException {
        long[] latencies = new long[phase.maxRequests()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger firstErrors = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        long clientCpu = cpuMillis(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long deadline = start + phase.duration().toNanos();
        long interval = phase.rate() > 0 ? (long) (1e9 / phase.rate()) : 0;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < phase.concurrency(); w++) {
            workers.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                KeepAlive connection = new KeepAlive(port);
                while (true) {
                    int i = next.getAndIncrement();
                    if (i >= latencies.length) {
                        connection.close();
                        return;
                    }
                    long scheduled = interval > 0 ? start + i * interval : System.nanoTime();
                    if (scheduled >= deadline || System.nanoTime() >= deadline) {
                        connection.close();
                        return;
                    }
                    while (interval > 0 && System.nanoTime() < scheduled) {
                        LockSupport.parkNanos(scheduled - System.nanoTime());
                    }
                    KeepAlive.Post request = requests.apply(i);
                    try {
                        KeepAlive.Reply r = connection.send(request);
                        // an answer has a body; Slack's acknowledgement is an empty 200
                        if (r.status() != 200 || r.bodyLength() == 0 && request.path().startsWith("/api/")) {
                            errors.incrementAndGet();
                            if (first.test(i)) {
                                firstErrors.incrementAndGet();
                            }
                            if (samples.size() < 5) {
                                samples.add(r.status() + " " + r.bodyStart());
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (first.test(i)) {
                            firstErrors.incrementAndGet();
                        }
                        if (samples.size() < 5) {
                            samples.add(e.toString());
                        }
                    }
                    long end = System.nanoTime();
                    latencies[i] = end - scheduled;
                    lastEnd.accumulateAndGet(end, Math::max);
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        int sent = done.get();
        // a number taken but not sent (its worker saw the deadline) has no latency: left out
        int taken = Math.min(next.get(), latencies.length);
        long[] measured = Arrays.stream(latencies, 0, taken).filter(l -> l > 0).sorted().toArray();
        long[] written = java.util.stream.IntStream.range(0, taken).filter(i -> latencies[i] > 0 && first.test(i))
                .mapToLong(i -> latencies[i]).sorted().toArray();
        long[] notWritten = java.util.stream.IntStream.range(0, taken)
                .filter(i -> latencies[i] > 0 && !first.test(i)).mapToLong(i -> latencies[i]).sorted().toArray();
        double seconds = (Math.max(lastEnd.get(), start) - start) / 1e9;
        return new Outcome(phase, sent, errors.get(), firstErrors.get(), seconds, measured, List.copyOf(samples), written,
                notWritten, clientCpu);
    }

    static String report(Outcome o, String firstKind, String otherKind) {
        return String.format(Locale.ROOT, "%-34s %,8d requests in %5.1f s: %,7.0f answered/s; latency p50 %6.2f ms, "
                        + "p99 %6.2f ms, p99.9 %6.2f ms, max %7.2f ms; errors %d%s%n%34s   %s: p50 %.2f ms, p99 %.2f ms, "
                        + "p99.9 %.2f ms; %s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms",
                o.phase().name(), o.sent(), o.seconds(), o.throughput(), o.percentile(0.50), o.percentile(0.99),
                o.percentile(0.999), o.percentile(1.0), o.errors(), o.errorSamples().isEmpty() ? "" : " " + o.errorSamples(),
                "", firstKind, percentile(o.written(), 0.5), percentile(o.written(), 0.99), percentile(o.written(), 0.999),
                otherKind, percentile(o.notWritten(), 0.5), percentile(o.notWritten(), 0.99),
                percentile(o.notWritten(), 0.999));
    }

    /**
     * Half the requests Slack-signed message events to {@code /slack/events}, half questions to
     * {@code /api/ask}, at the fixed rate: the Slack figure is the acknowledgement (Slack wants it
     * within 3 s; the answer follows through the Web API). Each event is from a person of its own,
     * as in a University-wide announcement, so the per-person rate limit lets every one through.
     * The run then waits for the bot to have posted an answer to every acknowledged event.
     */
    static void slack(ServerProcess server, SlackEvents slack, List<byte[]> bodies, double rate,
                      Duration duration, int maxRequests) throws InterruptedException {
        List<String> questions = DevQuestions.all().stream().map(policybot.bot.Question::text).toList();
        Phase warm = new Phase("Slack warm-up, half events", 16, rate, Duration.ofSeconds(5), maxRequests);
        Phase phase = new Phase("half Slack events at " + (int) rate + "/s", 32, rate, duration, maxRequests);
        long posted = slack.posted();
        int acknowledged = 0;
        for (Phase p : List.of(warm, phase)) {
            int base = p == warm ? 0 : 10_000_000;
            long cpu = cpuMillis(server.process.pid());
            Outcome out = drive(server.base.getPort(), i -> i % 2 == 0 ? slack.event(base + i, questions.get(i / 2 % questions.size()))
                    : ask(bodies, i / 2), i -> i % 2 == 0, p);
            System.out.println(report(out, "/slack/events acknowledged", "/api/ask answered") + "   (" + Machine.load() + ")"
                    + serverCpu(server, cpu, out));
            acknowledged += out.written().length - out.firstErrors(); // a 503 is Slack's to send again, not taken
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (slack.posted() - posted < acknowledged && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "Slack: %,d events acknowledged, %,d answers posted to the fake Web API%n",
                acknowledged, slack.posted() - posted);
    }

    /** The sum of a Prometheus series' values over the lines whose labels contain {@code label}. */
    static double sum(String metrics, String series, String label) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series) && (line.length() == series.length() || line.charAt(series.length()) == '{'
                    || line.charAt(series.length()) == ' ') && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * The server's processor time during a phase, per request sent: what the server alone costs,
     * apart from the load generator and the fakes on the same cores (an event's answer is posted
     * after the phase may have ended, so a Slack phase's figure is a little low).
     */
    static String serverCpu(ServerProcess server, long before, Outcome out) {
        long used = cpuMillis(server.process.pid()) - before;
        long self = cpuMillis(ProcessHandle.current().pid()) - out.clientCpuBefore();
        return before < 0 || used < 0 || out.sent() == 0 ? "" : String.format(Locale.ROOT,
                "%n%34s   server CPU %,d ms in the phase: %.3f ms a request; this load generator (and any fake) %.3f ms a request",
                "", used, (double) used / out.sent(), (double) self / out.sent());
    }

    /** User and system time of a process so far, in milliseconds (from /proc; -1 where there is none). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted after the command name's closing parenthesis
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / 100; // clock ticks: 100 a second on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
