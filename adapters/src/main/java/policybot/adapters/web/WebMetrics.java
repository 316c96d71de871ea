package policybot.adapters.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;

/**
 * What operators see on {@code /metrics} (Prometheus text format): questions by channel and kind,
 * the answer call's latency as a histogram, requests answered with an error by status, the store's tickets and
 * outbox once a store is bound, and the JVM's own meters. Every channel that answers through this
 * server should answer through {@link #answer}, so that all questions are counted in one place.
 */
public final class WebMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebMetrics.class);
    /** Fixed histogram buckets: the answer call takes milliseconds; anything over a second is a problem. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer latency;
    /** Bound on the first scrape (see {@link #bindJvmMeters}); null until then. */
    private JvmGcMetrics gc;
    private MultiGauge openTickets;
    private StoreMetrics store;
    private volatile AnswerListener listener = AnswerListener.NONE;
    private volatile QuestionLimits limits = QuestionLimits.NONE;

    public WebMetrics() {
        latency = Timer.builder("policybot.answer")
                .description("Time the core's answer call takes, per question")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /**
     * The JVM's and the machine's meters, bound when first read rather than at start: they load the
     * JDK's management classes (some 350), which nothing on the way to ready needs.
     */
    private void bindJvmMeters() {
        synchronized (registry) {
            if (gc != null) {
                return;
            }
            gc = new JvmGcMetrics();
            new JvmMemoryMetrics().bindTo(registry);
            gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    /** Makes every kind's counter visible at zero for a channel, so that rates work from the start. */
    public void channel(String channel) {
        for (AnswerKind kind : AnswerKind.values()) {
            questions(channel, kind);
        }
        for (QuestionLimits.Limit limit : QuestionLimits.Limit.values()) {
            refused(channel, limit);
        }
    }

    /** The flood guard every channel asks through {@link #admit}; {@link QuestionLimits#NONE} until set. */
    public void limit(QuestionLimits questionLimits) {
        this.limits = questionLimits;
    }

    public QuestionLimits limits() {
        return limits;
    }

    /**
     * Whether a question may be answered now (empty), or the person should be told to slow down.
     * Every channel asks before it answers or queues a question, so a flood is refused at the
     * door; refusals are counted by channel and by which limit refused them.
     *
     * @param user  who asks, as the channel knows them (null: no per-person limit)
     * @param place where (a Slack channel id, the web chat); null: no per-place limit
     */
    public Optional<QuestionLimits.Refusal> admit(String channel, String user, String place) {
        Optional<QuestionLimits.Refusal> refusal = limits.take(channel, user, place);
        refusal.ifPresent(r -> refused(channel, r.limit()).increment());
        return refusal;
    }

    /**
     * Shows a channel's bounded work queue (the work behind Slack's or Teams' acknowledgement):
     * {@code policybot_work_queue_depth}, {@code _capacity}, {@code policybot_work_active} and
     * {@code policybot_work_rejected_total}, each labelled with the channel.
     *
     * @param rejected how many hand-overs the full queue has refused so far
     */
    public void workQueue(String channel, ThreadPoolExecutor pool, ToLongFunction<ThreadPoolExecutor> rejected) {
        Gauge.builder("policybot.work.queue.depth", pool, p -> p.getQueue().size())
                .description("Work waiting for a thread behind a channel's acknowledgement")
                .tag("channel", channel).register(registry);
        Gauge.builder("policybot.work.queue.capacity", pool, p -> p.getQueue().size() + p.getQueue().remainingCapacity())
                .description("How much work may wait before new work is refused")
                .tag("channel", channel).register(registry);
        Gauge.builder("policybot.work.active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Threads doing a channel's work now")
                .tag("channel", channel).register(registry);
        FunctionCounter.builder("policybot.work.rejected", pool, p -> rejected.applyAsLong(p))
                .description("Work refused because the channel's queue was full (the platform is asked to retry)")
                .tag("channel", channel).register(registry);
    }

    /**
     * The core's answer, timed and counted under the given channel. The channel label is the
     * adapter's own name (web, slack, teams), never a value a client sent, so the number of series stays fixed.
     */
    public Answer answer(PolicyBot bot, String channel, Question question) {
        long start = System.nanoTime();
        Answer answer = bot.answer(question);
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        questions(channel, answer.kind()).increment();
        try {
            listener.answered(channel, question, answer);
        } catch (RuntimeException e) {
            // the answer still goes out; the log names the question by id only (its text may hold personal data)
            log.error("could not record the answer to question {} in the store", question.id(), e);
        }
        return answer;
    }

    /** Who is told of every answer (the store: the review queue and the answer log). */
    public void listen(AnswerListener answers) {
        this.listener = answers;
    }

    /** A request answered with an error status (refused, or failed), by that status. */
    void error(int status) {
        Counter.builder("policybot.http.errors")
                .description("Requests answered with an error, by HTTP status")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /** Registers the store's gauges: open tickets by team and age, outbox backlog and dead letters. */
    public synchronized void bindStore(StoreMetrics store) {
        if (this.store != null) {
            throw new IllegalStateException("a store's metrics are already bound");
        }
        this.store = store;
        openTickets = MultiGauge.builder("policybot.tickets.open")
                .description("Open tickets by team and age band")
                .register(registry);
        Gauge.builder("policybot.outbox.backlog", store, s -> s.outboxBacklog())
                .description("Outbound deliveries waiting to be sent or retried")
                .register(registry);
        Gauge.builder("policybot.outbox.dead.letters", store, s -> s.outboxDeadLetters())
                .description("Outbound deliveries that gave up after their last retry")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter, read fresh. */
    public String scrape() {
        bindJvmMeters();
        refreshTickets();
        return registry.scrape();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Stops listening for GC events and closes the registry. */
    @Override
    public void close() {
        synchronized (registry) {
            if (gc != null) {
                gc.close();
            }
        }
        registry.close();
    }

    private synchronized void refreshTickets() {
        if (store == null) {
            return;
        }
        try {
            List<StoreMetrics.OpenTickets> rows = store.openTickets();
            openTickets.register(rows.stream()
                    .map(r -> MultiGauge.Row.of(Tags.of("team", r.team(), "age", r.age()), r.count()))
                    .toList(), true);
        } catch (RuntimeException e) {
            log.warn("could not read open tickets for /metrics: {}", e.toString());
            openTickets.register(List.of(), true);
        }
    }

    private Counter refused(String channel, QuestionLimits.Limit limit) {
        return Counter.builder("policybot.questions.refused")
                .description("Questions refused by the flood guard (the person was told to slow down), by channel and limit")
                .tag("channel", channel)
                .tag("limit", limit.wire())
                .register(registry);
    }

    private Counter questions(String channel, AnswerKind kind) {
        return Counter.builder("policybot.questions")
                .description("Questions answered, by channel and kind of answer")
                .tag("channel", channel)
                .tag("kind", kind.wire())
                .register(registry);
    }
}
