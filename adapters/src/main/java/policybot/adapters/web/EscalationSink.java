package policybot.adapters.web;

/**
 * Where "Ask a specialist" goes: the escalation service opens a ticket for the right team. It must
 * commit the ticket before it returns, so the person is not told it was created when it was not.
 */
@FunctionalInterface
public interface EscalationSink {
    /**
     * @throws NotAvailable when tickets cannot be created on this server
     */
    Receipt escalate(EscalationRequest request);

    /** Until the ticket store is wired in: every call is refused with a clear reason (503). */
    EscalationSink NOT_AVAILABLE = request -> {
        throw new NotAvailable("Asking a specialist is not available on this server yet (it has no ticket store). "
                + "No ticket was created: please contact the team named in the answer directly.");
    };
}
