package policybot.bot.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One place a team's tickets go.
 *
 * @param type    slack, teams, webhook or email
 * @param address the channel id, conversation id, URL or e-mail address
 */
public record Destination(DestinationType type, String address) {
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    public Destination {
        if (type == null || address == null) {
            throw new IllegalArgumentException("a destination needs a type and an address");
        }
        address = address.strip();
        problem(type, address).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** What is wrong with an address for a type, if anything. */
    public static Optional<String> problem(DestinationType type, String address) {
        if (address == null || address.isBlank()) {
            return Optional.of(type.wire() + " destination is empty");
        }
        return switch (type) {
            case SLACK -> SLACK_CHANNEL.matcher(address).matches() ? Optional.empty()
                    : Optional.of("'" + address + "' is not a Slack channel id (C0123ABCDEF: open the channel's details in Slack)");
            case TEAMS -> address.chars().anyMatch(Character::isWhitespace)
                    ? Optional.of("'" + address + "' is not a Teams channel or conversation id (no spaces: 19:...@thread.tacv2)")
                    : Optional.empty();
            case EMAIL -> EMAIL.matcher(address).matches() ? Optional.empty()
                    : Optional.of("'" + address + "' is not an e-mail address");
            case WEBHOOK -> webhookProblem(address);
        };
    }

    private static Optional<String> webhookProblem(String address) {
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                return Optional.of("'" + address + "' is not an http(s) URL with a host");
            }
            if (uri.getUserInfo() != null) {
                return Optional.of("a webhook URL must not hold credentials: the request is signed with POLICYBOT_WEBHOOK_SECRET");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("'" + address + "' is not a URL: " + e.getReason());
        }
    }

    /** The outbox destination: {@code <type>:<address>}. */
    public String outboxDestination() {
        return type.wire() + ":" + address;
    }
}
