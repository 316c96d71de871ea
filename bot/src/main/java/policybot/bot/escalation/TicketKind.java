package policybot.bot.escalation;

import java.util.Locale;

/** What a ticket asks of its team. */
public enum TicketKind {
    /** A question, a challenge to a use of AI, or a request for a person. */
    QUESTION,
    /** A request to use AI outside the policy; goes to {@code exceptions} and ends in the exceptions register. */
    EXCEPTION_REQUEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketKind of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
