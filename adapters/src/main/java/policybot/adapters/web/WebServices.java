package policybot.adapters.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server uses beyond the core and can be swapped by the deployment: the feedback and
 * escalation sinks, the store's metrics, and extra readiness checks (e.g. "store").
 */
public record WebServices(FeedbackSink feedback, EscalationSink escalations, Optional<StoreMetrics> storeMetrics,
                          Map<String, ReadinessCheck> readiness) {

    public WebServices {
        readiness = Collections.unmodifiableMap(new LinkedHashMap<>(readiness));
    }

    /** No store: feedback and escalations answer 503, no store gauges, no extra checks. */
    public static WebServices withoutStore() {
        return new WebServices(FeedbackSink.NOT_AVAILABLE, EscalationSink.NOT_AVAILABLE, Optional.empty(), Map.of());
    }

    public WebServices withFeedback(FeedbackSink sink) {
        return new WebServices(sink, escalations, storeMetrics, readiness);
    }

    public WebServices withEscalations(EscalationSink sink) {
        return new WebServices(feedback, sink, storeMetrics, readiness);
    }

    public WebServices withStoreMetrics(StoreMetrics metrics) {
        return new WebServices(feedback, escalations, Optional.of(metrics), readiness);
    }

    /** Adds a readiness check under a name shown on /readyz (e.g. "store"). */
    public WebServices withReadinessCheck(String name, ReadinessCheck check) {
        Map<String, ReadinessCheck> all = new LinkedHashMap<>(readiness);
        all.put(name, check);
        return new WebServices(feedback, escalations, storeMetrics, all);
    }
}
