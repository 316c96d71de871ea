package policybot.deployment;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import policybot.bot.Escalations;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.review.ReviewQueue;

/** The store's settings from the environment; a bad value is a start-up error that names its variable. */
final class StoreSettings {
    static final String LOW_CONFIDENCE = "POLICYBOT_REVIEW_CONFIDENCE";
    static final String REPOST_AFTER = "POLICYBOT_TICKET_REPOST_AFTER";
    static final String AUTOCLOSE_AFTER = "POLICYBOT_TICKET_AUTOCLOSE_AFTER";

    private StoreSettings() {
    }

    static double lowConfidence(Map<String, String> env) {
        String v = env.get(LOW_CONFIDENCE);
        if (v == null || v.isBlank()) {
            return ReviewQueue.DEFAULT_LOW_CONFIDENCE;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(LOW_CONFIDENCE + " must be a number from 0 to 1, not '" + v + "'");
        }
    }

    static Escalations.Settings of(Map<String, String> env) {
        TicketSettings tickets = new TicketSettings(
                duration(env, REPOST_AFTER, TicketSettings.DEFAULT.repostUnclaimedAfter()),
                duration(env, AUTOCLOSE_AFTER, TicketSettings.DEFAULT.autoCloseAfter()));
        return new Escalations.Settings(lowConfidence(env), tickets, TeamDestinations.BY_KEY);
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT24H or P7D, not '" + v + "'");
        }
    }
}
