package policybot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;

/**
 * The core's answer call from many threads at once, as the server calls it (HTTP threads, Slack's
 * and Teams' workers): answers a second and each answer's processor time (the threads' own, from
 * {@link ThreadMXBean}) at each thread count, one bot shared. What it showed: with more threads
 * than processors, and no limit in the core, each answer cost three times the processor time.
 */
final class ThreadsBench {
    private ThreadsBench() {
    }

    static int run(String[] args) throws InterruptedException {
        Map<String, String> o = Args.parse(args, Map.of("threads", "1,2,16,64", "seconds", "8"));
        long seconds = Long.parseLong(o.get("seconds"));
        System.out.println("Machine: " + Machine.describe());
        PolicyBot bot = BotFactory.bundled();
        List<String> questions = DevQuestions.texts();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String t : o.get("threads").split(",")) {
            int threads = Integer.parseInt(t.strip());
            for (boolean warm : new boolean[] {false, true}) {
                AtomicLong answers = new AtomicLong();
                AtomicLong cpu = new AtomicLong();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                List<Thread> running = new ArrayList<>();
                for (int n = 0; n < threads; n++) {
                    int id = n;
                    running.add(Thread.ofPlatform().name("ask-" + n).start(() -> {
                        long before = mx.getCurrentThreadCpuTime();
                        long k = 0;
                        while (System.nanoTime() < end) {
                            String text = questions.get((int) ((id * 7 + k) % questions.size()));
                            bot.answer(new Question("q" + k, text, "u" + id, "bench", "c" + id + "-" + k));
                            k++;
                        }
                        answers.addAndGet(k);
                        cpu.addAndGet(mx.getCurrentThreadCpuTime() - before);
                    }));
                }
                for (Thread r : running) {
                    r.join();
                }
                if (warm) {
                    System.out.printf(Locale.ROOT, "%3d threads: %,9.0f answers a second, %6.1f µs of processor an answer%n",
                            threads, answers.get() / (double) seconds, cpu.get() / 1e3 / answers.get());
                }
            }
        }
        return 0;
    }
}
