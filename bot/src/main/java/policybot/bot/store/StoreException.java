package policybot.bot.store;

import java.sql.SQLException;

/** The store could not do what was asked; the cause says why. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
