package policybot.bot.escalation;

import java.time.Instant;

/**
 * One line of a ticket's history.
 *
 * @param id     its row id (orders the history)
 * @param type   opened, claimed, released, answered, closed, reopened, reposted, auto-closed, exception-decided
 * @param from   the state before (null when opened)
 * @param to     the state after
 * @param actor  who did it ("system" for the sweep)
 * @param note   the reply, the reason, or null
 * @param at     when
 */
public record TicketEvent(long id, String type, TicketState from, TicketState to, String actor, String note, Instant at) {
}
