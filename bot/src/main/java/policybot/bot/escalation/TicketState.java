package policybot.bot.escalation;

import java.util.Locale;

/** Where a ticket is: open -> claimed -> answered -> closed, and back to open when reopened. */
public enum TicketState {
    /** Posted to the team; nobody has taken it yet. */
    OPEN,
    /** A specialist has taken it. */
    CLAIMED,
    /** The specialist replied; the reply is on its way to the requester. Closes itself after a while. */
    ANSWERED,
    /** Done. The requester may still reopen it. */
    CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
