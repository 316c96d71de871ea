package policybot.adapters.web;

/**
 * Thrown by a sink that cannot take anything on this server (no store yet, or the store is down).
 * The server answers 503 with the message, which is written for the person using the chat.
 */
public final class NotAvailable extends RuntimeException {
    public NotAvailable(String message) {
        super(message, null, false, false);
    }
}
