package policybot.adapters.web;

/**
 * What the store says back once it has committed a piece of feedback or a ticket.
 *
 * @param reference the stored thing's id (a ticket number, for an escalation)
 * @param message   what the person is told, in full
 */
public record Receipt(String reference, String message) {
}
