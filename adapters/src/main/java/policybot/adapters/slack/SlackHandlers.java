package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.view.ViewState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.AtMostEvery;
import policybot.adapters.web.QuestionLimits;
import policybot.adapters.web.WebMetrics;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.IllegalTransitionException;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketNotFoundException;
import policybot.bot.escalation.TicketState;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.store.ClaimedKeys;

/**
 * What the bot does with each kind of Slack request. Every listener acknowledges at once (Slack
 * wants an answer within three seconds) and leaves the work to the worker pool; when the pool is
 * full an event is answered 503 ({@link Busy}), so that Slack sends it again later. The text people read comes from
 * the core's answer; this class only decides where it goes and which buttons it carries.
 */
final class SlackHandlers {
    private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);
    /** How long a modal's submission waits for the store before telling the person the number will follow. */
    static final Duration STORE_WAIT = Duration.ofMillis(2_500);
    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(\\|[^>]*)?>");
    private static final Pattern LINK = Pattern.compile("<(?:[#!][^>|]*\\|([^>]*)|([^>|]*)\\|([^>]*)|([^>]*))>");

    private final PolicyBot bot;
    private final RoutingTable routing;
    private final Supplier<Escalations> store;
    private final MethodsClient client;
    /** Posts the answers to questions, the one call made for every message (see {@link PostMessage}). */
    private final PostMessage poster;
    private final Slack slack;
    private final SlackSettings settings;
    private final Workers workers;
    private final SlackCalls calls;
    /** Events and messages taken on (see {@link #accept}). */
    private final ClaimedKeys once;
    /** Threads the bot has answered in: a reply there, without a mention, is a follow-up. */
    private final ClaimedKeys threads;
    private final RecentAnswers answers = RecentAnswers.standard();
    /** "The workers are busy" is logged once every ten seconds, with the count the pool keeps. */
    private final AtMostEvery busyLogged = new AtMostEvery(Duration.ofSeconds(10));
    /** People told to slow down in the last minute: told once, not once per message. */
    private final OnceOnly toldToSlowDown = new OnceOnly(Duration.ofMinutes(1), 10_000, java.time.Clock.systemUTC());
    private volatile WebMetrics metrics;
    private volatile AuthTestResponse self;

    SlackHandlers(PolicyBot bot, RoutingTable routing, Supplier<Escalations> store, MethodsClient client,
                  PostMessage poster, Slack slack, SlackSettings settings, Workers workers, SlackCalls calls,
                  ClaimedKeys once, ClaimedKeys threads) {
        this.bot = bot;
        this.routing = routing;
        this.store = store;
        this.client = client;
        this.poster = poster;
        this.slack = slack;
        this.settings = settings;
        this.workers = workers;
        this.calls = calls;
        this.once = once;
        this.threads = threads;
    }

    void useMetrics(WebMetrics m) {
        this.metrics = m;
    }

    void register(App app) {
        app.event(AppMentionEvent.class, (p, ctx) -> guard(() -> answer(SlackMessage.of(p.getEventId(), p.getEvent()))));
        app.event(MessageEvent.class, (p, ctx) -> guard(() -> answer(SlackMessage.of(p.getEventId(), p.getEvent()))));
        app.event(AppHomeOpenedEvent.class, (p, ctx) -> guard(() -> home(p, ctx)));
        app.command("/aipolicy", (req, ctx) -> guard(() -> command(req.getPayload())));
        app.blockAction(Actions.HELPFUL, (req, ctx) -> guard(() -> helpful(req.getPayload())));
        app.blockAction(Actions.NOT_HELPFUL, (req, ctx) -> guard(() -> notHelpful(req.getPayload())));
        app.blockAction(Actions.ASK_SPECIALIST, (req, ctx) -> guard(() -> askSpecialist(req.getPayload())));
        app.blockAction(Actions.POST_TO_CHANNEL, (req, ctx) -> guard(() -> postToChannel(req.getPayload())));
        app.blockAction(Modals.TEAM, (req, ctx) -> guard(() -> teamChanged(req.getPayload())));
        app.blockAction(Actions.CLAIM, (req, ctx) -> guard(() -> claim(req.getPayload())));
        app.blockAction(Actions.REPLY, (req, ctx) -> guard(() -> openReply(req.getPayload())));
        app.blockAction(Actions.CLOSE, (req, ctx) -> guard(() -> close(req.getPayload())));
        app.viewSubmission(Actions.ESCALATE_VIEW, (req, ctx) -> guard(() -> submitEscalation(req.getPayload())));
        app.viewSubmission(Actions.NOT_HELPFUL_VIEW, (req, ctx) -> guard(() -> submitNotHelpful(req.getPayload())));
        app.viewSubmission(Actions.REPLY_VIEW, (req, ctx) -> guard(() -> submitReply(req.getPayload())));
    }

    /**
     * A listener that fails on a payload it did not expect (a field missing, say) is told apart
     * from Bolt failing to reach Slack: the first is the request's fault (400), the second a
     * reason for Slack to send it again (503).
     */
    static Response guard(Supplier<Response> listener) {
        try {
            return listener.get();
        } catch (Busy busy) {
            throw busy;
        } catch (RuntimeException e) {
            throw new Unhandled(e);
        }
    }

    /** A listener failed on the request it was given (see {@link #guard}). */
    static final class Unhandled extends RuntimeException {
        Unhandled(RuntimeException cause) {
            super("a Slack listener failed on its request", cause);
        }
    }

    // ---- staff: asking -------------------------------------------------------------------------

    /**
     * A message to the bot, read by {@link SlackChannel} or by Bolt: acknowledged, and answered on
     * a worker (see {@link #accept}).
     */
    Response answer(SlackMessage m) {
        return switch (m.kind()) {
            case MENTION -> mention(m);
            case MESSAGE -> message(m);
        };
    }

    /** Whether the bot knows its own user (auth.test answered): without it no message can be told apart from its own. */
    boolean knowsItself() {
        return botUserId() != null;
    }

    /** An @mention in a channel: the answer goes in the thread (a new one under the mention, or the one it is in). */
    private Response mention(SlackMessage e) {
        if (e.botId() != null || e.user() == null) {
            return Response.ok();
        }
        SlackPlace place = new SlackPlace(e.channel(), e.threadTs() != null ? e.threadTs() : e.ts());
        return accept(e.eventId(), e.channel(), e.ts(), e.user(), place,
                () -> answerInPlace(e.text(), e.user(), place, e.channel() + "-" + e.ts()));
    }

    /**
     * A message: in a DM, answered there; in a channel, only a reply in a thread the bot answered
     * in (a follow-up) that does not mention the bot (a mention arrives as its own event).
     */
    private Response message(SlackMessage e) {
        if (e.botId() != null || e.user() == null || e.user().equals(botUserId())) {
            return Response.ok();
        }
        boolean dm = "im".equals(e.channelType());
        SlackPlace place;
        if (dm) {
            place = new SlackPlace(e.channel(), e.threadTs());
        } else if (e.threadTs() != null && threads.has(e.channel() + ":" + e.threadTs())
                && (e.text() == null || !e.text().contains("<@" + botUserId() + ">"))) {
            place = new SlackPlace(e.channel(), e.threadTs());
        } else {
            return Response.ok();
        }
        return accept(e.eventId(), e.channel(), e.ts(), e.user(), place,
                () -> answerInPlace(e.text(), e.user(), place, e.channel() + "-" + e.ts()));
    }

    /**
     * Acknowledges an event at once and answers it on a worker, once: the worker first takes the
     * event's keys on the store (its event id, against Slack's retries, and its message, since a
     * mention can come as {@code app_mention} and as {@code message}), and an event whose keys were
     * taken before, on this instance or another, is not answered again. The store's write is the
     * worker's, not the acknowledgement's: Slack wants its 200 within 3 seconds, and a burst of
     * events must not wait in line for the store's single writer to sync to disk. When the pool is
     * full, 503: Slack sends the event again later.
     */
    private Response accept(String eventId, String channel, String ts, String user, SlackPlace place, Runnable work) {
        String[] keys = {eventId == null ? null : "event:" + eventId, "message:" + channel + ":" + ts};
        // Over the rate: acknowledged (200, so Slack does not send it again) and not answered.
        if (slowDown(user, channel, place == null ? null : place.threadTs()).isPresent()) {
            return Response.ok();
        }
        try {
            workers.execute(() -> {
                if (!once.take(keys)) {
                    log.debug("event {} was taken before; not answered again", eventId);
                    return;
                }
                work.run();
            });
            return Response.ok();
        } catch (RejectedExecutionException full) {
            if (busyLogged.now()) {
                log.warn("the Slack workers are busy; asking Slack to send event {} again ({} refused so far)", eventId,
                        workers.rejected());
            }
            // Not a 503 Response: Bolt passes an event's non-200 response over and acknowledges
            // the event itself (auto-ack), which would drop it. Thrown, it reaches SlackChannel.
            throw new Busy();
        }
    }

    /**
     * The flood guard: when the person (or the channel) is over its rate, says so where they
     * asked, only to them and at most once a minute (a flood gets one reply, not one per message).
     */
    private Optional<QuestionLimits.Refusal> slowDown(String user, String channel, String threadTs) {
        WebMetrics m = metrics;
        if (m == null) {
            return Optional.empty();
        }
        Optional<QuestionLimits.Refusal> refusal = m.admit("slack", user, channel);
        if (refusal.isPresent()) {
            log.info("a Slack question was refused by the {} limit", refusal.get().limit().wire());
            if (channel != null && user != null && toldToSlowDown.take(user)) {
                String text = refusal.get().message();
                try {
                    workers.execute(() -> calls.withRetries("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r
                            .channel(channel).user(user).threadTs(threadTs).text(text))));
                } catch (RejectedExecutionException full) {
                    // the queue is full: saying nothing to a flood is fine
                }
            }
        }
        return refusal;
    }

    /** The worker pool is full: the request is answered 503 so that Slack sends it again later. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("the Slack workers are busy", null, false, false);
        }
    }

    private void answerInPlace(String raw, String user, SlackPlace place, String id) {
        Asked a = ask(raw, user, place, id);
        if (a.refusal() != null) {
            calls.withRetries("chat.postMessage", () -> poster.post(place.channel(), place.threadTs(), a.refusal(), null));
            return;
        }
        String blocks = Blocks.write(AnswerBlocks.render(a.answer(), a.key(), false));
        String text = AnswerBlocks.fallback(a.answer());
        if (place.threadTs() != null) {
            threads.take(place.channel() + ":" + place.threadTs());
        }
        calls.withRetries("chat.postMessage", () -> poster.post(place.channel(), place.threadTs(), text, blocks));
    }

    /** What was asked and answered, and the key its buttons carry; or why the message was refused. */
    private record Asked(Question question, Answer answer, String key, String refusal) {
    }

    /** The core's answer to a message, or (too long, a control character) why it cannot be asked. */
    private Asked ask(String raw, String user, SlackPlace place, String id) {
        String text = clean(raw);
        if (text.isBlank()) {
            // A bare mention: the core's own introduction.
            text = "what can you do?";
        }
        Question question = new Question(id, text, user, "slack", place == null
                ? SlackPlace.CONVERSATION_PREFIX + "command:" + user : place.conversation());
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            return new Asked(question, null, null, "Sorry, I can't take that: " + problem.get() + ".");
        }
        // through the server's metrics: counted, and told to the store (what the policy team reviews)
        WebMetrics m = metrics;
        Answer answer = m == null ? bot.answer(question) : m.answer(bot, "slack", question);
        String key = answers.keep(new RecentAnswers.Asked(question, answer, place));
        return new Asked(question, answer, key, null);
    }

    /** {@code /aipolicy <question>}: an ephemeral answer with "Post to channel"; an escalation opens the form too. */
    private Response command(SlashCommandPayload p) {
        String user = p.getUserId();
        String responseUrl = p.getResponseUrl();
        String triggerId = p.getTriggerId();
        String text = p.getText() == null ? "" : p.getText();
        if (text.isBlank()) {
            return json("{\"response_type\":\"ephemeral\",\"text\":\"Ask a question after the command, for example: "
                    + "/aipolicy can I paste student marks into ChatGPT?\"}");
        }
        WebMetrics m = metrics;
        Optional<QuestionLimits.Refusal> refusal = m == null ? Optional.empty() : m.admit("slack", user, p.getChannelId());
        if (refusal.isPresent()) {
            ObjectNode slow = ephemeral(refusal.get().message());
            slow.remove("replace_original");
            return json(Blocks.write(slow));
        }
        try {
            workers.execute(() -> {
                String id = "cmd-" + p.getChannelId() + "-" + Long.toString(System.nanoTime(), 36);
                Asked a = ask(text, user, null, id);
                if (a.refusal() != null) {
                    respond(responseUrl, ephemeral(a.refusal()));
                    return;
                }
                ObjectNode body = Blocks.JSON.createObjectNode();
                body.put("response_type", "ephemeral");
                body.put("text", AnswerBlocks.fallback(a.answer()));
                body.set("blocks", AnswerBlocks.render(a.answer(), a.key(), true));
                respond(responseUrl, body);
                if (a.answer().kind() == AnswerKind.ESCALATION) {
                    openEscalation(triggerId, a.key());
                }
            });
            return Response.ok();
        } catch (RejectedExecutionException full) {
            return json("{\"response_type\":\"ephemeral\",\"text\":\"I am busy right now: please ask again in a minute.\"}");
        }
    }

    private static ObjectNode ephemeral(String text) {
        ObjectNode body = Blocks.JSON.createObjectNode();
        body.put("response_type", "ephemeral");
        body.put("replace_original", false);
        body.put("text", text);
        return body;
    }

    /** The App Home tab: what the bot does (the core's own introduction) and the person's open tickets. */
    private Response home(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent e = payload.getEvent();
        if (!"home".equals(e.getTab()) || e.getUser() == null) {
            return Response.ok();
        }
        String user = e.getUser();
        return later(() -> {
            Answer intro = bot.answer(new Question(null, "what can you do?", user, "slack", null));
            List<Ticket> open = List.of();
            boolean storeDown = false;
            try {
                if (store != null) {
                    open = new ArrayList<>();
                    for (TicketState state : List.of(TicketState.OPEN, TicketState.CLAIMED, TicketState.ANSWERED)) {
                        for (Ticket t : store.get().tickets().list(state, null)) {
                            if (user.equals(t.requester()) && "slack".equals(t.channel())) {
                                open.add(t);
                            }
                        }
                    }
                    open.sort(java.util.Comparator.comparingLong(Ticket::id).reversed());
                }
            } catch (RuntimeException ex) {
                log.warn("could not list tickets for the App Home: {}", ex.toString());
                storeDown = true;
            }
            String view = Blocks.write(HomeTab.render(intro, open, storeDown, t -> routing.team(t.team())
                    .map(Team::name).orElse(t.team())));
            calls.withRetries("views.publish", () -> client.viewsPublish(r -> r.userId(user).viewAsString(view)));
        });
    }

    // ---- staff: buttons ------------------------------------------------------------------------

    private Response helpful(BlockActionPayload p) {
        String key = value(p);
        String user = p.getUser().getId();
        return later(() -> {
            Optional<RecentAnswers.Asked> asked = answers.find(key);
            if (asked.isEmpty()) {
                respond(p.getResponseUrl(), ephemeral(GONE));
                return;
            }
            try {
                requireStore().review().feedback(asked.get().question(), asked.get().answer(), true, null);
                respond(p.getResponseUrl(), ephemeral("Thank you: your feedback was recorded."));
            } catch (RuntimeException e) {
                log.warn("feedback from Slack could not be recorded: {}", e.toString());
                respond(p.getResponseUrl(), ephemeral(NOT_RECORDED));
            }
        });
    }

    static final String GONE = "I no longer have that answer (the service was restarted, or it is more than two days old). "
            + "Nothing was recorded: please ask again.";
    static final String NOT_RECORDED = "Sorry, your feedback could not be recorded just now (the store is not available). "
            + "Nothing was saved: please try again later.";

    private Response notHelpful(BlockActionPayload p) {
        String key = value(p);
        return later(() -> {
            if (answers.find(key).isEmpty()) {
                respond(p.getResponseUrl(), ephemeral(GONE));
                return;
            }
            openView(p.getTriggerId(), Modals.notHelpful(key));
        });
    }

    private Response askSpecialist(BlockActionPayload p) {
        String key = value(p);
        return later(() -> openEscalation(p.getTriggerId(), key));
    }

    /** The specialist form for an answer (or, if it is no longer held, an empty one for the policy owner). */
    private void openEscalation(String triggerId, String key) {
        Optional<RecentAnswers.Asked> asked = answers.find(key);
        String route = asked.map(a -> a.answer().route()).filter(r -> routing.team(r).isPresent())
                .orElse(Escalation.DEFAULT_TEAM);
        String question = asked.map(a -> a.question().text()).orElse(null);
        openView(triggerId, Modals.escalate(routing.teams(), route, question, null, asked.isPresent() ? key : ""));
    }

    /** The team select in the specialist form changed: redraw it with or without the exception fields. */
    private Response teamChanged(BlockActionPayload p) {
        if (p.getView() == null || p.getActions() == null || p.getActions().isEmpty()
                || p.getActions().get(0).getSelectedOption() == null) {
            return Response.ok();
        }
        String team = p.getActions().get(0).getSelectedOption().getValue();
        String viewId = p.getView().getId();
        String hash = p.getView().getHash();
        String metadata = p.getView().getPrivateMetadata();
        Map<String, Map<String, ViewState.Value>> values = p.getView().getState() == null ? Map.of()
                : p.getView().getState().getValues();
        String question = input(values, Modals.QUESTION);
        String details = input(values, Modals.DETAILS);
        if (routing.team(team).isEmpty()) {
            return Response.ok();
        }
        return later(() -> {
            String view = Blocks.write(Modals.escalate(routing.teams(), team, question, details, metadata));
            calls.withRetries("views.update", () -> client.viewsUpdate(r -> r.viewId(viewId).hash(hash).viewAsString(view)));
        });
    }

    /** "Post to channel" under an ephemeral answer: the same answer, for everyone in the channel. */
    private Response postToChannel(BlockActionPayload p) {
        String key = value(p);
        String user = p.getUser().getId();
        return later(() -> {
            Optional<RecentAnswers.Asked> asked = answers.find(key);
            if (asked.isEmpty()) {
                respond(p.getResponseUrl(), ephemeral(GONE));
                return;
            }
            Answer answer = asked.get().answer();
            var blocks = Blocks.list();
            blocks.add(Blocks.context("<@" + user + "> asked: " + Blocks.escape(Blocks.cut(asked.get().question().text(), 2900))));
            blocks.addAll(AnswerBlocks.render(answer, key, false));
            ObjectNode body = Blocks.JSON.createObjectNode();
            body.put("response_type", "in_channel");
            body.put("replace_original", false);
            body.put("text", AnswerBlocks.fallback(answer));
            body.set("blocks", blocks);
            respond(p.getResponseUrl(), body);
        });
    }

    // ---- staff: forms --------------------------------------------------------------------------

    /** The specialist form: the ticket is stored before the person is told its number. */
    private Response submitEscalation(ViewSubmissionPayload p) {
        Map<String, Map<String, ViewState.Value>> values = p.getView().getState().getValues();
        String user = p.getUser().getId();
        String teamKey = selected(values, Modals.TEAM);
        String question = input(values, Modals.QUESTION);
        String details = input(values, Modals.DETAILS);
        Map<String, String> errors = new HashMap<>();
        Optional<Team> team = teamKey == null ? Optional.empty() : routing.team(teamKey);
        if (team.isEmpty()) {
            errors.put(Modals.TEAM, "Choose a team.");
        }
        String words = question == null ? "" : question.strip();
        if (details != null && !details.isBlank()) {
            words = words + "\n\nDetails: " + details.strip();
        }
        Optional<String> problem = new Question(null, words, user, "slack", null).problem();
        if (question == null || question.isBlank()) {
            errors.put(Modals.QUESTION, "Say what you would like to ask.");
        } else if (problem.isPresent()) {
            errors.put(Modals.QUESTION, Blocks.cut(problem.get(), 150));
        }
        ExceptionRequest exception = null;
        if (Escalation.EXCEPTIONS_TEAM.equals(teamKey) && values.containsKey(Modals.AI_USE)) {
            String aiUse = input(values, Modals.AI_USE);
            if (aiUse == null || aiUse.isBlank()) {
                errors.put(Modals.AI_USE, "Say what use of AI the exception is for.");
            } else {
                exception = new ExceptionRequest(aiUse.strip(), input(values, Modals.DATA), input(values, Modals.WHY),
                        input(values, Modals.DURATION));
            }
        }
        if (!errors.isEmpty()) {
            return errors(errors);
        }
        WebMetrics m = metrics;
        Optional<QuestionLimits.Refusal> refusal = m == null ? Optional.empty() : m.admit("slack", user, null);
        if (refusal.isPresent()) {
            return errors(Map.of(Modals.QUESTION, Blocks.cut(refusal.get().message(), 150)));
        }
        String key = p.getView().getPrivateMetadata();
        Optional<RecentAnswers.Asked> asked = answers.find(key);
        SlackPlace place = asked.map(RecentAnswers.Asked::place).orElse(null);
        Answer answer = asked.map(RecentAnswers.Asked::answer).orElse(null);
        Escalation escalation = new Escalation(user, "slack", place == null ? null : place.link(workspaceUrl()), words,
                team.get().key(), answer == null ? null : answer.text(), answer == null ? null : answer.citations(),
                answer == null ? bot.policy().version() : answer.policyVersion(), exception);
        String teamName = team.get().name();
        return stored(() -> requireStore().tickets().open(escalation),
                ticket -> {
                    tell(user, place, "Your " + (ticket.exceptionRequest() == null ? "question" : "exception request")
                            + " went to " + Blocks.escape(teamName) + " as *" + ticket.reference()
                            + "*. They will reply to you here in Slack.");
                    return Modals.done("Sent", "Sent to *" + Blocks.escape(teamName) + "* as *" + ticket.reference()
                            + "*. They will reply to you in Slack; I have sent you the number there too.");
                },
                Modals.QUESTION, "Your request could not be recorded just now (the store is not available), so nothing "
                        + "was sent. Please try again in a few minutes.",
                "Your request is being recorded; I will send you its ticket number in Slack as soon as it is stored.",
                user, place);
    }

    private Response submitNotHelpful(ViewSubmissionPayload p) {
        String key = p.getView().getPrivateMetadata();
        String reason = input(p.getView().getState().getValues(), Modals.REASON);
        Optional<RecentAnswers.Asked> asked = answers.find(key);
        if (asked.isEmpty()) {
            return update(Modals.done("Not recorded", Blocks.escape(GONE)));
        }
        return stored(() -> requireStore().review().feedback(asked.get().question(), asked.get().answer(), false,
                        reason == null || reason.isBlank() ? null : reason.strip()),
                id -> Modals.done("Thank you", "Thank you: your feedback was recorded, and the policy team will review "
                        + "this answer."),
                Modals.REASON, NOT_RECORDED, "Your feedback is being recorded.", null, null);
    }

    /**
     * Runs a store write on a worker and waits a little for it: within {@link #STORE_WAIT} the
     * modal shows the outcome; past it the modal says the outcome will follow, and {@code
     * whenLate} people are told in Slack once the write has finished.
     */
    private <T> Response stored(java.util.function.Supplier<T> write, java.util.function.Function<T, ObjectNode> done,
                                String errorBlock, String failed, String pending, String lateUser, SlackPlace latePlace) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(write, workers);
        } catch (RejectedExecutionException full) {
            return errors(Map.of(errorBlock, "I am busy right now: please press the button again in a minute."));
        }
        try {
            T value = future.get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return update(done.apply(value));
        } catch (TimeoutException slow) {
            if (lateUser != null) {
                // told by whichever thread finishes the write: nothing waits on it
                future.whenComplete((value, error) -> {
                    if (error == null && value instanceof Ticket t) {
                        tell(lateUser, latePlace, "Your request is stored as *" + t.reference() + "*.");
                    } else if (error != null) {
                        tell(lateUser, latePlace, Blocks.escape(failed));
                    }
                });
            }
            return update(Modals.done("Recording", Blocks.escape(pending)));
        } catch (ExecutionException e) {
            log.warn("a Slack form could not be stored: {}", e.getCause().toString());
            return errors(Map.of(errorBlock, Blocks.cut(failed, 150)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return errors(Map.of(errorBlock, Blocks.cut(failed, 150)));
        }
    }

    // ---- specialists ---------------------------------------------------------------------------

    private Response claim(BlockActionPayload p) {
        return ticketChange(p, (id, who) -> requireStore().tickets().claim(id, who));
    }

    private Response close(BlockActionPayload p) {
        return ticketChange(p, (id, who) -> requireStore().tickets().close(id, who, null));
    }

    private interface Change {
        Ticket apply(long id, String who);
    }

    /** A button on a ticket in the team channel: change it in the store, then update the message in place. */
    /** Who pressed a ticket's button, on which ticket, and where its card is. */
    private record TicketButton(Long id, String who, String channel, String ts) {
        static TicketButton of(BlockActionPayload p) {
            var card = p.getContainer();
            return new TicketButton(ticketId(p), p.getUser().getId(), card == null ? null : card.getChannelId(),
                    card == null ? null : card.getMessageTs());
        }
    }

    private Response ticketChange(BlockActionPayload p, Change change) {
        TicketButton b = TicketButton.of(p);
        if (b.id() == null) {
            return Response.ok();
        }
        return later(() -> {
            try {
                Ticket t = change.apply(b.id(), b.who());
                updateCard(b.channel(), b.ts(), t);
            } catch (IllegalTransitionException | TicketNotFoundException e) {
                whisper(b.channel(), b.who(), Blocks.escape(e.getMessage()));
            } catch (RuntimeException e) {
                log.warn("a ticket change from Slack failed: {}", e.toString());
                whisper(b.channel(), b.who(), "The ticket could not be changed just now (the store is not available): "
                        + "nothing was changed. Please try again.");
            }
        });
    }

    private Response openReply(BlockActionPayload p) {
        TicketButton b = TicketButton.of(p);
        if (b.id() == null) {
            return Response.ok();
        }
        return later(() -> {
            try {
                Ticket t = requireStore().tickets().get(b.id());
                if (t.state() == TicketState.CLOSED) {
                    whisper(b.channel(), b.who(), "Ticket " + t.reference() + " is closed: it cannot be replied to.");
                    return;
                }
                ObjectNode meta = Blocks.JSON.createObjectNode();
                meta.put("ticket", b.id());
                meta.put("channel", b.channel());
                meta.put("ts", b.ts());
                openView(p.getTriggerId(), Modals.reply(t.reference(), t.question(), Blocks.write(meta)));
            } catch (RuntimeException e) {
                log.warn("could not open the reply form: {}", e.toString());
                whisper(b.channel(), b.who(), "The ticket could not be read just now (the store is not available).");
            }
        });
    }

    /** A specialist's reply: claimed first if nobody had, stored, relayed to the requester through the outbox. */
    private Response submitReply(ViewSubmissionPayload p) {
        String who = p.getUser().getId();
        String text = input(p.getView().getState().getValues(), Modals.REPLY);
        if (text == null || text.isBlank()) {
            return errors(Map.of(Modals.REPLY, "Write the reply."));
        }
        JsonNode meta;
        try {
            meta = Blocks.JSON.readTree(p.getView().getPrivateMetadata());
        } catch (Exception e) {
            return errors(Map.of(Modals.REPLY, "This form has lost its ticket; open it again from the ticket."));
        }
        long id = meta.path("ticket").asLong();
        String channel = meta.path("channel").asText(null);
        String ts = meta.path("ts").asText(null);
        Response r = stored(() -> {
            var tickets = requireStore().tickets();
            if (tickets.get(id).state() == TicketState.OPEN) {
                tickets.claim(id, who);
            }
            return tickets.reply(id, who, text.strip());
        }, t -> {
            workers.execute(() -> updateCard(channel, ts, t));
            return Modals.done("Reply sent", "Your reply to *" + t.reference() + "* is on its way to the person who asked.");
        }, Modals.REPLY, "The reply could not be stored just now, so nothing was sent. Please try again.",
                "Your reply is being stored and will be sent.", null, null);
        return r;
    }

    private void updateCard(String channel, String ts, Ticket t) {
        if (channel == null || ts == null) {
            return;
        }
        String teamName = routing.team(t.team()).map(Team::name).orElse(t.team());
        TicketCard card = TicketCard.fromTicket(t, teamName);
        String blocks = Blocks.write(card.blocks());
        calls.withRetries("chat.update", () -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(card.fallback())
                .blocksAsString(blocks)));
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private Response later(Runnable work) {
        try {
            workers.execute(work);
            return Response.ok();
        } catch (RejectedExecutionException full) {
            log.warn("the Slack workers are busy; a button press was refused");
            return Response.builder().statusCode(503).body("").build();
        }
    }

    private Escalations requireStore() {
        if (store == null) {
            throw new IllegalStateException("no store is configured");
        }
        return store.get();
    }

    private void openView(String triggerId, ObjectNode view) {
        String json = Blocks.write(view);
        calls.withRetries("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).viewAsString(json)));
    }

    /** A message to the person where they asked (their thread or DM), else in the app's DM with them. */
    private void tell(String user, SlackPlace place, String mrkdwn) {
        SlackPlace where = place != null ? place : new SlackPlace(user, null);
        calls.withRetries("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(where.channel())
                .threadTs(where.threadTs()).text(mrkdwn)));
    }

    /** Only the person who pressed the button sees it. */
    private void whisper(String channel, String user, String mrkdwn) {
        if (channel == null) {
            return;
        }
        calls.withRetries("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channel).user(user)
                .text(mrkdwn)));
    }

    /**
     * Posts to an interaction's {@code response_url}. Only Slack's own hooks (or the configured
     * Web API's host, a local fake in tests) are posted to, whatever a payload says.
     */
    private void respond(String responseUrl, ObjectNode body) {
        if (responseUrl == null || !allowedResponseUrl(responseUrl)) {
            log.warn("not posting to a response_url that is not Slack's");
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try (okhttp3.Response r = slack.getHttpClient().postJsonBody(responseUrl,
                    JsonParser.parseString(Blocks.write(body)))) {
                if (r.isSuccessful()) {
                    return;
                }
                log.warn("Slack refused a response_url post: HTTP {}", r.code());
                if (r.code() < 500 && r.code() != 429) {
                    return;
                }
            } catch (java.io.IOException e) {
                log.warn("a response_url post failed: {}", e.toString());
            }
        }
    }

    boolean allowedResponseUrl(String url) {
        try {
            URI u = URI.create(url);
            URI api = URI.create(settings.apiUrl());
            boolean slackHooks = "https".equals(u.getScheme()) && "hooks.slack.com".equals(u.getHost());
            boolean configured = api.getHost().equals(u.getHost()) && api.getPort() == u.getPort()
                    && api.getScheme().equals(u.getScheme());
            return slackHooks || configured;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String botUserId() {
        AuthTestResponse s = whoAmI();
        return s == null ? null : s.getUserId();
    }

    private String workspaceUrl() {
        AuthTestResponse s = whoAmI();
        return s == null ? null : s.getUrl();
    }

    /** auth.test, once: the bot's own user id and the workspace's URL. */
    private AuthTestResponse whoAmI() {
        AuthTestResponse s = self;
        if (s == null) {
            SlackCalls.Outcome o = calls.withRetries("auth.test", () -> client.authTest(r -> r));
            if (o instanceof SlackCalls.Outcome.Ok ok) {
                s = (AuthTestResponse) ok.response();
                self = s;
            }
        }
        return s;
    }

    /** Slack's markup out of a message: the bot's mention dropped, other mentions and links as words. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String bot = botUserId();
        var m = USER_MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1).equals(bot) ? "" : "someone");
        }
        m.appendTail(out);
        var l = LINK.matcher(out.toString());
        StringBuilder linked = new StringBuilder();
        while (l.find()) {
            String shown = l.group(1) != null ? l.group(1) : l.group(3) != null ? l.group(3)
                    : l.group(4) != null ? l.group(4) : "";
            l.appendReplacement(linked, java.util.regex.Matcher.quoteReplacement(shown));
        }
        l.appendTail(linked);
        return linked.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    private static String value(BlockActionPayload p) {
        return p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
    }

    private static Long ticketId(BlockActionPayload p) {
        try {
            return Long.parseLong(value(p));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static String input(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values.get(block);
        ViewState.Value v = b == null ? null : b.get(block);
        return v == null ? null : v.getValue();
    }

    private static String selected(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values.get(block);
        ViewState.Value v = b == null ? null : b.get(block);
        return v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
    }

    private static Response json(String body) {
        return Response.builder().statusCode(200).contentType("application/json; charset=utf-8").body(body).build();
    }

    private static Response update(ObjectNode view) {
        ObjectNode body = Blocks.JSON.createObjectNode();
        body.put("response_action", "update");
        body.set("view", view);
        return json(Blocks.write(body));
    }

    private static Response errors(Map<String, String> errors) {
        ObjectNode body = Blocks.JSON.createObjectNode();
        body.put("response_action", "errors");
        ObjectNode e = body.putObject("errors");
        errors.forEach(e::put);
        return json(Blocks.write(body));
    }
}
