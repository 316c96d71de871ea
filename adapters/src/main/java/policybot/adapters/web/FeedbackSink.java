package policybot.adapters.web;

/**
 * Where "Helpful" / "Not helpful" goes. The store implements it; it must commit the feedback
 * before it returns, so the person is not told it was recorded when it was not.
 */
@FunctionalInterface
public interface FeedbackSink {
    /**
     * @throws NotAvailable when feedback cannot be recorded on this server
     */
    Receipt record(Feedback feedback);

    /** Until the store is wired in: every call is refused with a clear reason (503). */
    FeedbackSink NOT_AVAILABLE = feedback -> {
        throw new NotAvailable("Feedback cannot be recorded on this server yet (it has no store configured). "
                + "Nothing was saved.");
    };
}
