package policybot.adapters.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import policybot.adapters.web.admin.AdminConsole;

/**
 * What the server uses beyond the core and can be swapped by the deployment: the feedback and
 * escalation sinks, the store's metrics, extra readiness checks (e.g. "store"), what is told of
 * each answer, the review console, the store's background work, and the chat channels the server
 * carries (Slack, Teams).
 */
public record WebServices(FeedbackSink feedback, EscalationSink escalations, Optional<StoreMetrics> storeMetrics,
                          Map<String, ReadinessCheck> readiness, AnswerListener answers, AdminConsole admin,
                          Background background, List<WebChannel> channels) {

    public WebServices {
        readiness = Collections.unmodifiableMap(new LinkedHashMap<>(readiness));
        channels = List.copyOf(channels);
    }

    public WebServices(FeedbackSink feedback, EscalationSink escalations, Optional<StoreMetrics> storeMetrics,
                       Map<String, ReadinessCheck> readiness, AnswerListener answers, AdminConsole admin,
                       Background background) {
        this(feedback, escalations, storeMetrics, readiness, answers, admin, background, List.of());
    }

    public WebServices(FeedbackSink feedback, EscalationSink escalations, Optional<StoreMetrics> storeMetrics,
                       Map<String, ReadinessCheck> readiness) {
        this(feedback, escalations, storeMetrics, readiness, AnswerListener.NONE, AdminConsole.withoutStore(),
                Background.NONE);
    }

    /** No store: feedback and escalations answer 503, no store gauges, no extra checks, /admin answers 503. */
    public static WebServices withoutStore() {
        return new WebServices(FeedbackSink.NOT_AVAILABLE, EscalationSink.NOT_AVAILABLE, Optional.empty(), Map.of());
    }

    public WebServices withFeedback(FeedbackSink sink) {
        return new WebServices(sink, escalations, storeMetrics, readiness, answers, admin, background, channels);
    }

    public WebServices withEscalations(EscalationSink sink) {
        return new WebServices(feedback, sink, storeMetrics, readiness, answers, admin, background, channels);
    }

    public WebServices withStoreMetrics(StoreMetrics metrics) {
        return new WebServices(feedback, escalations, Optional.of(metrics), readiness, answers, admin, background,
                channels);
    }

    /** Adds a readiness check under a name shown on /readyz (e.g. "store"). */
    public WebServices withReadinessCheck(String name, ReadinessCheck check) {
        Map<String, ReadinessCheck> all = new LinkedHashMap<>(readiness);
        all.put(name, check);
        return new WebServices(feedback, escalations, storeMetrics, all, answers, admin, background, channels);
    }

    public WebServices withAnswerListener(AnswerListener listener) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, listener, admin, background, channels);
    }

    public WebServices withAdmin(AdminConsole console) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, answers, console, background, channels);
    }

    public WebServices withBackground(Background work) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, answers, admin, work, channels);
    }

    /** Adds a chat channel (its routes, started and stopped with the server). */
    public WebServices withChannel(WebChannel channel) {
        List<WebChannel> all = new ArrayList<>(channels);
        all.add(channel);
        return new WebServices(feedback, escalations, storeMetrics, readiness, answers, admin, background, all);
    }
}
