package policybot.adapters.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import policybot.adapters.web.admin.AdminConsole;

/**
 * What the server uses beyond the core and can be swapped by the deployment: the feedback and
 * escalation sinks, the store's metrics, extra readiness checks (e.g. "store"), what is told of
 * each answer, the review console, and the store's background work.
 */
public record WebServices(FeedbackSink feedback, EscalationSink escalations, Optional<StoreMetrics> storeMetrics,
                          Map<String, ReadinessCheck> readiness, AnswerListener answers, AdminConsole admin,
                          Background background) {

    public WebServices {
        readiness = Collections.unmodifiableMap(new LinkedHashMap<>(readiness));
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
        return new WebServices(sink, escalations, storeMetrics, readiness, answers, admin, background);
    }

    public WebServices withEscalations(EscalationSink sink) {
        return new WebServices(feedback, sink, storeMetrics, readiness, answers, admin, background);
    }

    public WebServices withStoreMetrics(StoreMetrics metrics) {
        return new WebServices(feedback, escalations, Optional.of(metrics), readiness, answers, admin, background);
    }

    /** Adds a readiness check under a name shown on /readyz (e.g. "store"). */
    public WebServices withReadinessCheck(String name, ReadinessCheck check) {
        Map<String, ReadinessCheck> all = new LinkedHashMap<>(readiness);
        all.put(name, check);
        return new WebServices(feedback, escalations, storeMetrics, all, answers, admin, background);
    }

    public WebServices withAnswerListener(AnswerListener listener) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, listener, admin, background);
    }

    public WebServices withAdmin(AdminConsole console) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, answers, console, background);
    }

    public WebServices withBackground(Background work) {
        return new WebServices(feedback, escalations, storeMetrics, readiness, answers, admin, work);
    }
}
