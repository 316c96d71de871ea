package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.digest.WeeklyDigest;
import policybot.bot.outbox.Delivery;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxEvent;
import policybot.bot.outbox.OutboxItem;

/**
 * Delivers the outbox's items through Slack's {@code chat.postMessage}:
 *
 * <ul>
 *   <li>{@code slack:<channel id>} (a team's Slack destination in the routing table): the
 *       ticket, with Claim, Reply and Close buttons;</li>
 *   <li>{@code requester:slack}: a specialist's reply, into the requester's thread or DM;</li>
 *   <li>{@code slack:<channel id>} of the policy owner: the weekly digest ({@link DigestMessage}).</li>
 * </ul>
 *
 * One attempt per call: the outbox retries. {@code 429}, 5xx, a dropped connection and Slack's
 * transient errors are {@link DeliveryResult.Retry}; {@code invalid_auth},
 * {@code channel_not_found}, {@code not_in_channel} and any other error are
 * {@link DeliveryResult.Rejected} (dead-lettered with the reason, for an operator to fix and retry).
 */
public final class SlackDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(SlackDelivery.class);

    private final MethodsClient client;

    public SlackDelivery(MethodsClient client) {
        this.client = client;
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        OutboxEvent event = OutboxEvent.read(item.payload());
        return switch (item.destinationKind()) {
            case "slack" -> switch (event) {
                case OutboxEvent.TicketNotice ticket -> postTicket(item.destinationAddress(), ticket.payload());
                case OutboxEvent.Digest digest -> postDigest(item.destinationAddress(), digest.digest());
                case OutboxEvent.Unknown unknown -> DeliveryResult.rejected("the Slack delivery does not take this item: "
                        + unknown.why());
            };
            case "requester" -> event instanceof OutboxEvent.TicketNotice ticket && "slack".equals(item.destinationAddress())
                    && "ticket.answered".equals(ticket.name())
                    ? relay(ticket.payload())
                    : DeliveryResult.rejected("the Slack delivery does not take '" + event.name() + "' for "
                    + item.destination());
            default -> DeliveryResult.rejected("the Slack delivery does not take destinations of kind '"
                    + item.destinationKind() + "'");
        };
    }

    /** The weekly digest, to the policy owner's channel. */
    private DeliveryResult postDigest(String channel, WeeklyDigest digest) {
        String blocks = Blocks.write(DigestMessage.blocks(digest));
        return result(SlackCalls.once("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel)
                .text(DigestMessage.fallback(digest)).blocksAsString(blocks).unfurlLinks(false))), "digest " + digest.week());
    }

    private DeliveryResult postTicket(String channel, JsonNode payload) {
        TicketCard card = TicketCard.fromPayload(payload);
        String blocks = Blocks.write(card.blocks());
        return result(SlackCalls.once("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel)
                .text(card.fallback()).blocksAsString(blocks).unfurlLinks(false))), card.reference());
    }

    /** The specialist's reply, where the requester asked: their thread, their DM, else the app's DM with them. */
    private DeliveryResult relay(JsonNode payload) {
        String requester = payload.path("requester").asText("");
        SlackPlace place = SlackPlace.fromLink(payload.path("conversation_link").asText(null))
                .orElse(requester.matches("[UW][A-Z0-9]+") ? new SlackPlace(requester, null) : null);
        if (place == null) {
            return DeliveryResult.rejected("no Slack conversation or user to relay the reply to");
        }
        JsonNode ticket = payload.path("ticket");
        String reference = ticket.path("reference").asText();
        String text = "*" + Blocks.escape(reference) + "*: " + Blocks.escape(ticket.path("team_name").asText("the team"))
                + " replied:\n" + Modals.quoted(payload.path("reply").asText(""));
        var blocks = Blocks.list();
        blocks.add(Blocks.section(text));
        blocks.add(Blocks.context("A person from the team wrote this reply; it is not an automated answer."));
        String json = Blocks.write(blocks);
        return result(SlackCalls.once("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(place.channel())
                .threadTs(place.threadTs()).text(text).blocksAsString(json))), reference);
    }

    private static DeliveryResult result(SlackCalls.Outcome outcome, String reference) {
        return switch (outcome) {
            case SlackCalls.Outcome.Ok ok -> DeliveryResult.delivered();
            case SlackCalls.Outcome.Transient t -> {
                log.info("Slack delivery of {} will be retried: {}", reference, SlackCalls.describe(t));
                yield DeliveryResult.retry(SlackCalls.describe(t));
            }
            case SlackCalls.Outcome.Permanent p -> {
                log.warn("Slack delivery of {} refused: {}", reference, p.why());
                yield DeliveryResult.rejected(p.why());
            }
        };
    }
}
