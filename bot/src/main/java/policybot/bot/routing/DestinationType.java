package policybot.bot.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of place a team's tickets can go. An outbox destination is written
 * {@code <type>:<address>} ({@code slack:C0123ABCDEF}, {@code webhook:https://desk.example/hook}),
 * and the outbox worker hands each item to the {@code Delivery} registered for its type.
 */
public enum DestinationType {
    /** A Slack channel, by its id (C0123ABCDEF). */
    SLACK(true),
    /** A Teams channel or conversation, by its id (19:...@thread.tacv2). */
    TEAMS(true),
    /** An IT service desk's webhook URL: a signed JSON POST. */
    WEBHOOK(true),
    /** An address shown to the requester with the ticket number; PolicyBot sends no e-mail. */
    EMAIL(false);

    private final boolean delivered;

    DestinationType(boolean delivered) {
        this.delivered = delivered;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether tickets are posted there through the outbox (e-mail is only shown to the requester). */
    public boolean delivered() {
        return delivered;
    }

    public static Optional<DestinationType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    /** "slack, teams, webhook, email": for error messages. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(DestinationType::wire).toList());
    }
}
