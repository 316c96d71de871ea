package policybot.bot.outbox;

import java.util.Locale;

/** Where an outbox item is in its life. */
public enum OutboxStatus {
    /** Waiting for its next attempt (at {@code next_attempt_at}). */
    PENDING,
    /** Claimed by a worker until its lease runs out; an unfinished claim is taken again after that. */
    DELIVERING,
    /** Delivered; kept for the record until retention purges it. */
    DELIVERED,
    /** Given up on: too many attempts, or refused for good. Operators see it and can retry it. */
    DEAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
