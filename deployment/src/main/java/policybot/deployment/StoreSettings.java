package policybot.deployment;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import policybot.bot.Escalations;
import policybot.bot.StoreTasks;
import policybot.bot.routing.RoutingTable;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.review.ReviewQueue;

/** The store's settings from the environment; a bad value is a start-up error that names its variable. */
final class StoreSettings {
    static final String LOW_CONFIDENCE = "POLICYBOT_REVIEW_CONFIDENCE";
    static final String REPOST_AFTER = "POLICYBOT_TICKET_REPOST_AFTER";
    static final String AUTOCLOSE_AFTER = "POLICYBOT_TICKET_AUTOCLOSE_AFTER";
    static final String OUTBOX_EVERY = "POLICYBOT_OUTBOX_POLL";
    static final String SWEEP_EVERY = "POLICYBOT_TICKET_SWEEP_EVERY";
    static final String ANSWER_LOG_EVERY = "POLICYBOT_ANSWER_LOG_FLUSH";

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

    /** Tickets go to the routing table's destinations; replies are relayed except to the web chat and the command line. */
    static Escalations.Settings of(Map<String, String> env, RoutingTable routing) {
        TicketSettings tickets = new TicketSettings(
                duration(env, REPOST_AFTER, TicketSettings.DEFAULT.repostUnclaimedAfter()),
                duration(env, AUTOCLOSE_AFTER, TicketSettings.DEFAULT.autoCloseAfter()));
        return Escalations.Settings.routedBy(routing, lowConfidence(env), tickets);
    }

    static final String POLICY_POLL = "POLICYBOT_POLICY_POLL";

    /** How often a server looks in the store for a newly installed policy version. */
    static Duration policyPoll(Map<String, String> env) {
        return positive(env, POLICY_POLL, Duration.ofSeconds(30));
    }

    /** How often the server delivers the outbox, sweeps the tickets and writes the answer counts. */
    static StoreTasks.Intervals intervals(Map<String, String> env) {
        StoreTasks.Intervals d = StoreTasks.Intervals.DEFAULT;
        return new StoreTasks.Intervals(positive(env, OUTBOX_EVERY, d.outbox()), positive(env, SWEEP_EVERY, d.sweep()),
                positive(env, ANSWER_LOG_EVERY, d.answerLog()));
    }

    private static Duration positive(Map<String, String> env, String name, Duration fallback) {
        Duration d = duration(env, name, fallback);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as PT5S, not '" + env.get(name) + "'");
        }
        return d;
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
