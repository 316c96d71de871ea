package policybot.bot.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import policybot.bot.digest.DigestPayload;
import policybot.bot.digest.WeeklyDigest;

/**
 * What an outbox item's payload is, by its {@code event}: a ticket's notice (its post to a team,
 * or a specialist's reply to its requester) or the weekly digest. A delivery handles each kind it
 * takes and rejects the rest, so an item nobody knows how to show ends in the dead letters with
 * the reason, not half-rendered in a team's channel.
 */
public sealed interface OutboxEvent {
    ObjectMapper JSON = new ObjectMapper();
    /** The ticket events TicketService writes. */
    Set<String> TICKET_EVENTS = Set.of("ticket.opened", "ticket.reposted", "ticket.released", "ticket.reopened",
            "ticket.answered");

    /** The event's name, as in the payload ({@code ticket.opened}, {@code digest.weekly}). */
    String name();

    /**
     * A ticket's notice: {@code ticket.opened}, {@code ticket.reposted}, {@code ticket.released},
     * {@code ticket.reopened} to its team, {@code ticket.answered} to its requester (docs/escalation.md).
     */
    record TicketNotice(String name, JsonNode payload) implements OutboxEvent {
    }

    /** The weekly digest for the policy owner. */
    record Digest(WeeklyDigest digest) implements OutboxEvent {
        @Override
        public String name() {
            return WeeklyDigest.EVENT;
        }
    }

    /** Anything else, or a payload that cannot be read: {@code why} says which. */
    record Unknown(String name, String why) implements OutboxEvent {
    }

    /** Reads a payload; never throws. */
    static OutboxEvent read(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException | RuntimeException e) {
            return new Unknown("", "the payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Unknown("", "the payload is not a JSON object");
        }
        String event = root.path("event").asText("");
        if (event.equals(WeeklyDigest.EVENT)) {
            try {
                return new Digest(DigestPayload.read(root.path("digest")));
            } catch (IllegalArgumentException e) {
                return new Unknown(event, "the digest cannot be read: " + e.getMessage());
            }
        }
        if (TICKET_EVENTS.contains(event) && root.path("ticket").isObject()) {
            return new TicketNotice(event, root);
        }
        return new Unknown(event, event.isEmpty() ? "the payload names no event" : "'" + event + "' is not an event PolicyBot sends");
    }
}
