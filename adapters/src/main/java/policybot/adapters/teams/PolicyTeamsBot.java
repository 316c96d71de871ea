package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsActivityHandler;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.teams.TaskModuleContinueResponse;
import com.microsoft.bot.schema.teams.TaskModuleMessageResponse;
import com.microsoft.bot.schema.teams.TaskModuleRequest;
import com.microsoft.bot.schema.teams.TaskModuleResponse;
import com.microsoft.bot.schema.teams.TaskModuleTaskInfo;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.QuestionLimits;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.IllegalTransitionException;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketNotFoundException;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;

/**
 * The bot in Teams: translates activities into the core's questions and the core's answers into
 * cards, and card actions into the store's feedback and tickets. It decides nothing about the
 * policy. Dispatch (message, conversation update, task module fetch and submit) is the SDK's
 * {@link TeamsActivityHandler}.
 */
final class PolicyTeamsBot extends TeamsActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(PolicyTeamsBot.class);
    static final String CHANNEL = "teams";
    /** Asked of the core for the welcome card: its help answer says what the bot does. */
    static final String WELCOME_QUESTION = "what can you do?";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Question, Answer> ask;
    private final PolicyBot bot;
    private final RoutingTable routing;
    private final Supplier<Escalations> store;
    private final BiFunction<String, String, Optional<QuestionLimits.Refusal>> admit;
    private final SlowDownNotices toldToSlowDown;

    /**
     * @param ask     the core's answer to a person's question, counted in the metrics
     * @param bot     the core, to answer again (uncounted) the question a ticket or a feedback is about
     * @param routing the specialist teams, for the form
     * @param store   tickets, feedback and the outbox; opened on first use
     * @param admit   the flood guard, asked with the person and the place before a question, a
     *                feedback or a ticket is taken on: empty to go ahead, else the refusal to tell them
     * @param clock   for telling a person to slow down at most once a minute
     */
    PolicyTeamsBot(Function<Question, Answer> ask, PolicyBot bot, RoutingTable routing, Supplier<Escalations> store,
                   BiFunction<String, String, Optional<QuestionLimits.Refusal>> admit, Clock clock) {
        this.ask = ask;
        this.bot = bot;
        this.routing = routing;
        this.store = store;
        this.admit = admit;
        this.toldToSlowDown = new SlowDownNotices(clock);
    }

    @Override
    protected CompletableFuture<Void> onMessageActivity(TurnContext turn) {
        Activity a = turn.getActivity();
        JsonNode value = a.getValue() == null ? null : JSON.valueToTree(a.getValue());
        if (value != null && value.hasNonNull(Cards.ACTION)) {
            return cardAction(turn, value);
        }
        String text = Mentions.withoutBotMention(a);
        if (text.isEmpty()) {
            return welcome(turn);
        }
        Question question = new Question(a.getId(), text, userKey(a), CHANNEL, conversationKey(a));
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            return send(turn, MessageFactory.text(problem.get()));
        }
        Optional<QuestionLimits.Refusal> refusal = admit.apply(userKey(a), place(a));
        if (refusal.isPresent()) {
            return slowDown(turn, refusal.get());
        }
        Answer answer = ask.apply(question);
        return send(turn, MessageFactory.attachment(Cards.attachment(Cards.answer(answer, text, a.getId()))));
    }

    /**
     * Only the bot's own arrival matters (a welcome); the SDK's handler would instead look up every
     * other member added with a call to the connector.
     */
    @Override
    protected CompletableFuture<Void> onConversationUpdateActivity(TurnContext turn) {
        Activity a = turn.getActivity();
        if (a.getMembersAdded() != null && a.getRecipient() != null
                && a.getMembersAdded().stream().map(ChannelAccount::getId).anyMatch(a.getRecipient().getId()::equals)) {
            return welcome(turn);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletableFuture<TaskModuleResponse> onTeamsTaskModuleFetch(TurnContext turn, TaskModuleRequest request) {
        JsonNode data = data(request);
        return CompletableFuture.completedFuture(switch (data.path(Cards.ACTION).asText("")) {
            case "specialist" -> {
                String route = data.path("route").asText(null);
                boolean exception = Escalation.EXCEPTIONS_TEAM.equals(route);
                String team = route != null && routing.team(route).isPresent() ? route : Escalation.DEFAULT_TEAM;
                yield form(Cards.specialistForm(routing, team, data.path("q").asText(""), data.path("qid").asText(null),
                        exception, null, Cards.FormValues.EMPTY), exception);
            }
            case "ticket.reply" -> replyForm(turn, data.path("ticket").asLong(-1));
            default -> message("This action is no longer available.");
        });
    }

    @Override
    protected CompletableFuture<TaskModuleResponse> onTeamsTaskModuleSubmit(TurnContext turn, TaskModuleRequest request) {
        JsonNode data = data(request);
        return switch (data.path(Cards.ACTION).asText("")) {
            case "specialist.send" -> openTicket(turn, data);
            case "ticket.reply.send" -> replyToTicket(turn, data);
            default -> CompletableFuture.completedFuture(message("This action is no longer available."));
        };
    }

    /** An invoke without a value (or without data) is no action this bot offered: answered as one no longer available. */
    private static JsonNode data(TaskModuleRequest request) {
        JsonNode data = request == null || request.getData() == null ? null : JSON.valueToTree(request.getData());
        return data == null ? JSON.createObjectNode() : data;
    }

    /**
     * Over the rate: acknowledged and not answered. The person is told why, in the conversation, at
     * most once a minute (see {@link SlowDownNotices}); the other messages of a flood get nothing.
     */
    private CompletableFuture<Void> slowDown(TurnContext turn, QuestionLimits.Refusal refusal) {
        Activity a = turn.getActivity();
        log.info("a Teams question was refused by the {} limit", refusal.limit().wire());
        if (!toldToSlowDown.take(userKey(a) + "|" + place(a))) {
            return CompletableFuture.completedFuture(null);
        }
        return send(turn, MessageFactory.text(refusal.message()));
    }

    private CompletableFuture<Void> welcome(TurnContext turn) {
        Answer help = bot.answer(new Question(null, WELCOME_QUESTION, null, CHANNEL, null));
        return send(turn, MessageFactory.attachment(Cards.attachment(Cards.welcome(help))));
    }

    private CompletableFuture<Void> cardAction(TurnContext turn, JsonNode value) {
        String action = value.path(Cards.ACTION).asText();
        return switch (action) {
            case "feedback" -> feedback(turn, value);
            case "ticket.claim", "ticket.close" -> changeTicket(turn, value.path("ticket").asLong(-1), action);
            default -> CompletableFuture.completedFuture(null);
        };
    }

    /** Helpful / Not helpful: kept through the store's review queue; the person is thanked only once it is. */
    private CompletableFuture<Void> feedback(TurnContext turn, JsonNode value) {
        Activity a = turn.getActivity();
        Question question = new Question(text(value, "qid"), text(value, "q"), userKey(a), CHANNEL, null);
        if (question.problem().isPresent()) {
            return send(turn, MessageFactory.text("This feedback could not be recorded: the question is missing."));
        }
        // the same tokens as a question: each feedback is answered by the core again and written to the store
        Optional<QuestionLimits.Refusal> refusal = admit.apply(userKey(a), null);
        if (refusal.isPresent()) {
            return slowDown(turn, refusal.get());
        }
        boolean helpful = value.path("helpful").asBoolean(false);
        try {
            store.get().review().feedback(question, bot.answer(question), helpful, null);
        } catch (RuntimeException e) {
            log.error("feedback on question {} could not be recorded", question.id(), e);
            return send(turn, MessageFactory.text("Your feedback could not be recorded just now. Nothing was saved."));
        }
        return send(turn, MessageFactory.text(helpful ? "Thank you: recorded as helpful."
                : "Thank you: recorded as not helpful. The policy team reviews these answers."));
    }

    /** The form's Send: the ticket is committed before the person is given its number. */
    private CompletableFuture<TaskModuleResponse> openTicket(TurnContext turn, JsonNode data) {
        Activity a = turn.getActivity();
        boolean exception = data.path("exception").asBoolean(false);
        String qid = text(data, "qid");
        Cards.FormValues typed = new Cards.FormValues(text(data, "question"), text(data, "details"), text(data, "ai_use"),
                text(data, "data_involved"), text(data, "justification"), text(data, "duration"));
        String teamKey = exception ? Escalation.EXCEPTIONS_TEAM : text(data, "team");
        Optional<String> error = formProblem(typed, teamKey, exception);
        if (error.isPresent()) {
            String shownTeam = teamKey != null && routing.team(teamKey).isPresent() ? teamKey : Escalation.DEFAULT_TEAM;
            return CompletableFuture.completedFuture(form(Cards.specialistForm(routing, shownTeam, typed.question(), qid,
                    exception, error.get(), typed), exception));
        }
        // a ticket is work for a person: a flood of them is refused as questions are, in the form itself
        Optional<QuestionLimits.Refusal> refusal = admit.apply(userKey(a), null);
        if (refusal.isPresent()) {
            log.info("a Teams ticket was refused by the {} limit", refusal.get().limit().wire());
            return CompletableFuture.completedFuture(message(refusal.get().message() + " Nothing was sent to the team."));
        }
        Team team = routing.require(teamKey);
        String words = typed.question().strip() + (typed.details() == null ? "" : "\n\nDetails: " + typed.details().strip());
        Question question = new Question(qid, typed.question().strip(), userKey(a), CHANNEL, null);
        Answer answer = bot.answer(question);
        RequesterAddress address = new RequesterAddress(a.getServiceUrl(), a.getConversation().getId(), a.getFrom().getId(),
                a.getConversation().getTenantId(), personal(a), a.getFrom().getName());
        // The requester is their Entra object id, as `privacy export|erase --user` takes it; the
        // name the team reads travels in the address (and is erased with it).
        Escalation escalation = new Escalation(userKey(a), CHANNEL, address.link(), words, team.key(), answer.text(),
                answer.citations(), answer.policyVersion(), exception ? new ExceptionRequest(typed.aiUse().strip(),
                        strip(typed.dataInvolved()), strip(typed.justification()), strip(typed.duration())) : null);
        Ticket ticket;
        try {
            ticket = store.get().tickets().open(escalation);
        } catch (RuntimeException e) {
            log.error("a ticket for question {} could not be opened", qid, e);
            return CompletableFuture.completedFuture(message("Your question could not be sent to " + team.name()
                    + " just now, so no ticket was created. " + team.contact()));
        }
        String done = "Sent to " + team.name() + " as ticket " + ticket.reference()
                + ". Their reply will come to you in a personal chat with this bot.";
        // The dialog's answer is the acknowledgement; the note in the chat is a courtesy. Failing the
        // invoke because the note could not be posted would tell the person nothing of a ticket that
        // exists, and they would send the form again (found by the soak).
        CompletableFuture<Void> note = personal(a) ? send(turn, MessageFactory.text(done)).exceptionally(e -> {
            log.warn("ticket {} is open; its note could not be left in the chat: {}", ticket.reference(), e.toString());
            return null;
        }) : CompletableFuture.completedFuture(null);
        return note.thenApply(x -> message(done));
    }

    private Optional<String> formProblem(Cards.FormValues v, String teamKey, boolean exception) {
        if (v.question() == null || v.question().isBlank()) {
            return Optional.of("Write the question for the team.");
        }
        Optional<String> problem = Question.of(v.question()).problem();
        if (problem.isPresent()) {
            return Optional.of("Your question cannot be sent: " + problem.get() + ".");
        }
        if (v.details() != null && v.details().length() > Cards.MAX_DETAILS) {
            return Optional.of("The details are " + v.details().length() + " characters long; the limit is " + Cards.MAX_DETAILS + ".");
        }
        if (teamKey == null || routing.team(teamKey).isEmpty()) {
            return Optional.of("Choose the team to ask.");
        }
        if (exception) {
            if (v.aiUse() == null || v.aiUse().isBlank()) {
                return Optional.of("Say what use of AI the exception is for.");
            }
            for (String field : new String[] {v.aiUse(), v.dataInvolved(), v.justification(), v.duration()}) {
                if (field != null && field.length() > Cards.MAX_FIELD) {
                    return Optional.of("Each answer about the exception may be at most " + Cards.MAX_FIELD + " characters long.");
                }
            }
        }
        return Optional.empty();
    }

    /** Claim or Close on a ticket card in the team's channel; the card is then updated in place. */
    private CompletableFuture<Void> changeTicket(TurnContext turn, long ticketId, String action) {
        Activity a = turn.getActivity();
        String who = actor(a);
        Ticket ticket;
        try {
            Escalations s = store.get();
            if (!postedHere(s, ticketId, a.getConversation().getId())) {
                return send(turn, MessageFactory.text("This ticket was not posted to this channel, so it cannot be changed here."));
            }
            ticket = action.equals("ticket.claim") ? s.tickets().claim(ticketId, who) : s.tickets().close(ticketId, who, null);
        } catch (IllegalTransitionException | TicketNotFoundException e) {
            return send(turn, MessageFactory.text(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("ticket {} could not be changed ({})", ticketId, action, e);
            return send(turn, MessageFactory.text("The ticket could not be changed just now. Nothing was changed."));
        }
        return updateCard(turn, ticket);
    }

    private TaskModuleResponse replyForm(TurnContext turn, long ticketId) {
        try {
            Escalations s = store.get();
            if (!postedHere(s, ticketId, turn.getActivity().getConversation().getId())) {
                return message("This ticket was not posted to this channel, so it cannot be answered here.");
            }
            Ticket t = s.tickets().get(ticketId);
            return continueWith("Reply to " + t.reference(), Cards.replyForm(t.reference(), t.id(), null));
        } catch (TicketNotFoundException e) {
            return message(e.getMessage());
        } catch (RuntimeException e) {
            log.error("ticket {} could not be read", ticketId, e);
            return message("The ticket could not be read just now.");
        }
    }

    /** The reply is committed with its delivery to the requester (the outbox) before the specialist is told it is sent. */
    private CompletableFuture<TaskModuleResponse> replyToTicket(TurnContext turn, JsonNode data) {
        Activity a = turn.getActivity();
        long ticketId = data.path("ticket").asLong(-1);
        String reply = text(data, "reply");
        Ticket ticket;
        try {
            Escalations s = store.get();
            if (!postedHere(s, ticketId, a.getConversation().getId())) {
                return CompletableFuture.completedFuture(message("This ticket was not posted to this channel, so it cannot be answered here."));
            }
            if (reply == null || reply.isBlank() || reply.length() > Cards.MAX_DETAILS) {
                Ticket t = s.tickets().get(ticketId);
                return CompletableFuture.completedFuture(continueWith("Reply to " + t.reference(), Cards.replyForm(t.reference(),
                        t.id(), reply == null || reply.isBlank() ? "Write the reply." : "The reply may be at most "
                                + Cards.MAX_DETAILS + " characters long.")));
            }
            ticket = s.tickets().reply(ticketId, actor(a), reply.strip());
        } catch (IllegalTransitionException | TicketNotFoundException e) {
            return CompletableFuture.completedFuture(message(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("a reply to ticket {} could not be recorded", ticketId, e);
            return CompletableFuture.completedFuture(message("The reply could not be recorded just now. Nothing was sent."));
        }
        TaskModuleResponse done = message("Reply recorded on " + ticket.reference() + "; it is on its way to the requester.");
        // As with a ticket's note: the reply is committed, so a card that cannot be updated must not
        // make the specialist think it was not (they would send it again, and the requester get it twice).
        return updateCard(turn, ticket).exceptionally(e -> {
            log.warn("the reply to {} is recorded; its card could not be updated: {}", ticket.reference(), e.toString());
            return null;
        }).thenApply(x -> done);
    }

    private CompletableFuture<Void> updateCard(TurnContext turn, Ticket ticket) {
        String cardId = turn.getActivity().getReplyToId();
        if (cardId == null) {
            return CompletableFuture.completedFuture(null);
        }
        Activity update = MessageFactory.attachment(Cards.attachment(Cards.ticket(TeamsDelivery.view(ticket,
                routing.team(ticket.team()).map(Team::name).orElse(ticket.team())))));
        update.setId(cardId);
        return turn.updateActivity(update).thenApply(r -> null);
    }

    /** A ticket may be changed only from a channel it was posted to (the outbox remembers where). */
    private static boolean postedHere(Escalations s, long ticketId, String conversationId) {
        String channel = TeamsDelivery.channelOf(conversationId);
        return ticketId > 0 && s.outbox().byKeyPrefix("ticket-" + ticketId + "/").stream()
                .anyMatch(item -> item.destination().equals(TeamsDelivery.KIND + ":" + channel));
    }

    private static CompletableFuture<Void> send(TurnContext turn, Activity activity) {
        return turn.sendActivity(activity).thenApply(r -> null);
    }

    private static TaskModuleResponse form(ObjectNode card, boolean exception) {
        return continueWith(exception ? "Ask for an exception" : "Ask a specialist", card);
    }

    private static TaskModuleResponse continueWith(String title, ObjectNode card) {
        TaskModuleTaskInfo info = new TaskModuleTaskInfo();
        info.setTitle(title);
        info.setCard(Cards.attachment(card));
        info.setHeight("large");
        info.setWidth("medium");
        TaskModuleContinueResponse task = new TaskModuleContinueResponse();
        task.setValue(info);
        TaskModuleResponse response = new TaskModuleResponse();
        response.setTask(task);
        return response;
    }

    private static TaskModuleResponse message(String text) {
        TaskModuleMessageResponse task = new TaskModuleMessageResponse();
        task.setValue(text);
        TaskModuleResponse response = new TaskModuleResponse();
        response.setTask(task);
        return response;
    }

    static boolean personal(Activity a) {
        return a.getConversation() != null && "personal".equals(a.getConversation().getConversationType());
    }

    /** Who asked, for the core: the Entra ID object id when Teams gives it, else the Bot Framework id. */
    static String userKey(Activity a) {
        ChannelAccount from = a.getFrom();
        if (from == null) {
            return null;
        }
        return from.getAadObjectId() != null ? from.getAadObjectId() : from.getId();
    }

    /** Where a question is asked, for the per-place limit: a channel (all its threads), a group chat or a personal chat. */
    static String place(Activity a) {
        return TeamsDelivery.channelOf(a.getConversation().getId());
    }

    /** A specialist acting on a ticket card, as the card and the ticket's history show them: their display name. */
    static String actor(Activity a) {
        ChannelAccount from = a.getFrom();
        if (from.getName() != null && !from.getName().isBlank()) {
            return from.getName();
        }
        return userKey(a);
    }

    /**
     * Follow-ups are read per person: in a channel thread or a group chat two people's questions
     * are not one conversation. Prefixed so that no other channel's ids can collide with them.
     */
    static String conversationKey(Activity a) {
        String id = a.getConversation().getId();
        return CHANNEL + ":" + id + (personal(a) ? "" : "|" + a.getFrom().getId());
    }

    /** A field as text; blank (an empty input in a form) counts as absent. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        String s = v.isTextual() || v.isNumber() ? v.asText() : null;
        return s == null || s.isBlank() ? null : s;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
