package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.answer.Citation;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.WeeklyDigest;
import policybot.bot.escalation.Ticket;
import policybot.bot.outbox.Delivery;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxEvent;
import policybot.bot.outbox.OutboxItem;

/**
 * Delivers the outbox's items in Teams, as proactive messages through the Bot Connector
 * ({@code POST {serviceUrl}/v3/conversations/{id}/activities}, the SDK's connector client with no
 * retry of its own):
 *
 * <ul>
 *   <li>{@code teams:<channel conversation id>}: a ticket card (Claim, Reply, Close) starts a new
 *       thread in the team's channel, at the configured service URL;</li>
 *   <li>{@code requester:teams}: a specialist's reply ({@code ticket.answered}) goes to the
 *       requester in a personal chat (opened first if they asked in a channel or a group chat);</li>
 *   <li>{@code teams:<channel conversation id>} of the policy owner: the weekly digest as a card.</li>
 * </ul>
 *
 * <p>The Bot Connector's 408, 412, 429 and 5xx, a time-out, a refused connection or no token yet
 * are retried by the outbox (with its back-off); 401, 403, 404 and other 4xx are dead-lettered.
 */
public final class TeamsDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(TeamsDelivery.class);
    /** The destination kind of a team's Teams channel: {@code teams:19:...@thread.tacv2}. */
    public static final String KIND = "teams";

    private final Connectors connectors;
    private final URI serviceUrl;
    private final String appId;

    TeamsDelivery(Connectors connectors, URI serviceUrl, String appId) {
        this.connectors = connectors;
        this.serviceUrl = serviceUrl;
        this.appId = appId;
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        OutboxEvent event = OutboxEvent.read(item.payload());
        try {
            if (item.destinationKind().equals(KIND)) {
                String channel = item.destinationAddress();
                Activity message = switch (event) {
                    case OutboxEvent.TicketNotice ticket when !ticket.name().equals("ticket.answered") -> ticketCard(ticket.payload());
                    case OutboxEvent.Digest digest -> digestCard(digest.digest());
                    default -> null;
                };
                if (message == null) {
                    return DeliveryResult.rejected("a Teams channel takes ticket posts and the weekly digest, not '"
                            + event.name() + "'" + (event instanceof OutboxEvent.Unknown u ? " (" + u.why() + ")" : ""));
                }
                if (channel.isBlank()) {
                    return DeliveryResult.rejected("the destination names no Teams channel (teams:<conversation id>)");
                }
                connectors.proactive(serviceUrl.toString()).getConversations().sendToConversation(channel, message).join();
                return DeliveryResult.delivered();
            }
            if (item.destinationKind().equals("requester") && item.destinationAddress().equals(PolicyTeamsBot.CHANNEL)) {
                if (!(event instanceof OutboxEvent.TicketNotice ticket) || !ticket.name().equals("ticket.answered")) {
                    return DeliveryResult.rejected("a requester in Teams is sent replies, not '" + event.name() + "'");
                }
                return replyToRequester(ticket.payload());
            }
            return DeliveryResult.rejected("the Teams delivery takes teams:<channel> and requester:teams, not " + item.destination());
        } catch (CompletionException | ErrorResponseException e) {
            return failure(e);
        }
    }

    private static Activity ticketCard(JsonNode payload) {
        Activity card = MessageFactory.attachment(Cards.attachment(Cards.ticket(view(payload))));
        card.setSummary(payload.path("ticket").path("reference").asText() + " for "
                + payload.path("ticket").path("team_name").asText());
        return card;
    }

    /** The weekly digest as a card, with the core's words; the summary is what a notification shows. */
    private static Activity digestCard(WeeklyDigest digest) {
        Activity card = MessageFactory.attachment(Cards.attachment(Cards.digest(digest)));
        card.setSummary(DigestText.summary(digest));
        return card;
    }

    private DeliveryResult replyToRequester(JsonNode payload) {
        Optional<RequesterAddress> to = RequesterAddress.parse(payload.path("conversation_link").asText(null));
        if (to.isEmpty()) {
            return DeliveryResult.rejected("the ticket has no Teams address for its requester");
        }
        RequesterAddress address = to.get();
        JsonNode ticket = payload.path("ticket");
        Activity message = MessageFactory.attachment(Cards.attachment(Cards.replyToRequester(ticket.path("reference").asText(),
                ticket.path("team_name").asText(), payload.path("reply").asText(""), payload.path("answered_by").asText(null))));
        RestConnectorClient connector = connectors.proactive(address.serviceUrl());
        String conversation = address.conversationId();
        if (!address.personal()) {
            // Asked in a channel or a group chat: the team's reply goes to them alone, in a personal chat.
            ConversationParameters chat = new ConversationParameters();
            chat.setIsGroup(false);
            chat.setBot(new ChannelAccount("28:" + appId));
            chat.setMembers(List.of(new ChannelAccount(address.userId())));
            if (address.tenantId() != null) {
                chat.setTenantId(address.tenantId());
                // The SDK's type, not a Map.of: the SDK's request validator reflects into every object
                // of an activity, and java.util's immutable maps refuse that on JDK 9 and later.
                TeamsChannelData channelData = new TeamsChannelData();
                channelData.setTenant(new TenantInfo(address.tenantId()));
                chat.setChannelData(channelData);
            }
            ConversationResourceResponse opened = connector.getConversations().createConversation(chat).join();
            conversation = opened.getId();
        }
        connector.getConversations().sendToConversation(conversation, message).join();
        return DeliveryResult.delivered();
    }

    private DeliveryResult failure(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ErrorResponseException error && error.response() != null) {
            int status = error.response().code();
            String why = "the Bot Connector answered " + status + detail(error);
            if (status == 408 || status == 412 || status == 429 || status >= 500) {
                return DeliveryResult.retry(why);
            }
            if (status == 401) {
                // Perhaps a token revoked before its expiry: the next attempt (of any item) fetches a new one.
                connectors.credentials().tokens().forget();
            }
            return DeliveryResult.rejected(why);
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof BotTokenClient.TokenException token) {
                return DeliveryResult.retry("no token for the Bot Connector: " + token.getMessage());
            }
        }
        log.debug("Teams delivery failed", cause);
        return DeliveryResult.retry("the Bot Connector could not be reached: " + cause);
    }

    private static String detail(ErrorResponseException e) {
        try {
            if (e.body() != null && e.body().getError() != null) {
                String s = " (" + e.body().getError().getCode() + ": " + e.body().getError().getMessage() + ")";
                return s.length() > 200 ? s.substring(0, 200) : s;
            }
        } catch (RuntimeException ignored) {
            // the status alone
        }
        return "";
    }

    /** Who asked, as the team reads it: the Teams display name when the ticket came from Teams. */
    static String shownRequester(String requester, String conversationLink) {
        return RequesterAddress.parse(conversationLink).map(RequesterAddress::name).filter(n -> !n.isBlank()).orElse(requester);
    }

    /** A Teams channel thread's conversation id names the channel before {@code ;messageid=}. */
    static String channelOf(String conversationId) {
        int semi = conversationId.indexOf(';');
        return semi < 0 ? conversationId : conversationId.substring(0, semi);
    }

    /** The card's view of an outbox post ({@code {"event", "note", "ticket": {...}}}). */
    static Cards.TicketView view(JsonNode payload) {
        JsonNode t = payload.path("ticket");
        List<Citation> citations = new ArrayList<>();
        for (JsonNode c : t.path("answer").path("citations")) {
            citations.add(new Citation(c.path("clause").asText(), c.path("section").asText(), c.path("quote").asText(),
                    c.path("score").asDouble()));
        }
        JsonNode x = t.path("exception_request");
        return new Cards.TicketView(t.path("id").asLong(), t.path("reference").asText(), t.path("team_name").asText(),
                t.path("kind").asText(), t.path("state").asText(),
                shownRequester(t.path("requester").asText(null), t.path("conversation_link").asText(null)),
                t.path("question").asText(""), citations, t.path("policy_version").asText(null),
                x.path("ai_use").asText(null), x.path("data_involved").asText(null), x.path("justification").asText(null),
                x.path("duration").asText(null), null, null, t.path("flagged").asBoolean(false),
                payload.path("note").asText(null));
    }

    /** The card's view of a stored ticket (after a Claim, a Reply or a Close). */
    static Cards.TicketView view(Ticket t, String teamName) {
        var x = t.exceptionRequest();
        return new Cards.TicketView(t.id(), t.reference(), teamName, t.kind().wire(), t.state().wire(),
                shownRequester(t.requester(), t.conversationLink()),
                t.question(), t.citations(), t.policyVersion(), x == null ? null : x.aiUse(),
                x == null ? null : x.dataInvolved(), x == null ? null : x.justification(), x == null ? null : x.duration(),
                t.claimedBy(), t.reply(), t.flagged(), null);
    }
}
