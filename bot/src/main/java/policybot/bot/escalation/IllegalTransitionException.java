package policybot.bot.escalation;

import java.util.stream.Collectors;

/** A change a ticket's state does not allow ("T-4 is closed: it cannot be claimed; claimed needs open"). */
public final class IllegalTransitionException extends IllegalStateException {
    private final long ticketId;
    private final TicketState state;

    public IllegalTransitionException(long ticketId, TicketState state, TicketChange change) {
        super("ticket T-" + ticketId + " is " + state.wire() + ": it cannot be " + change.type() + " (only a ticket that is "
                + change.from().stream().map(TicketState::wire).sorted().collect(Collectors.joining(" or "))
                + " can)");
        this.ticketId = ticketId;
        this.state = state;
    }

    public long ticketId() {
        return ticketId;
    }

    public TicketState state() {
        return state;
    }
}
