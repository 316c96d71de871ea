package policybot.bot.escalation;

import java.time.Duration;

/**
 * The ticket sweep's timings.
 *
 * @param repostUnclaimedAfter an open ticket nobody claimed for this long is posted to the team again and flagged
 *                             (and again after each further such interval)
 * @param autoCloseAfter       an answered ticket closes itself after this long unless the requester reopens it
 */
public record TicketSettings(Duration repostUnclaimedAfter, Duration autoCloseAfter) {
    public static final TicketSettings DEFAULT = new TicketSettings(Duration.ofHours(24), Duration.ofDays(7));

    public TicketSettings {
        if (repostUnclaimedAfter.isNegative() || repostUnclaimedAfter.isZero() || autoCloseAfter.isNegative()
                || autoCloseAfter.isZero()) {
            throw new IllegalArgumentException("ticket timings must be positive");
        }
    }
}
