package policybot.bot.escalation;

import java.util.NoSuchElementException;

/** No ticket has that number. */
public final class TicketNotFoundException extends NoSuchElementException {
    public TicketNotFoundException(long id) {
        super("there is no ticket T-" + id);
    }
}
