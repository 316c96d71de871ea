package policybot.adapters.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.activity.AnswerLog;
import policybot.bot.answer.Answer;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.Destination;
import policybot.bot.routing.DestinationType;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;

/**
 * The web server's sinks, metrics, readiness check and answer listener on the real store: feedback
 * into the review queue, "Ask a specialist" into a ticket, ticket and outbox gauges, and every
 * answer counted (and, when the policy team should see it, queued for review).
 *
 * <p>Feedback and escalations name the question, not the answer; the answer is the core's answer
 * to that question again (deterministic: the same words and policy version give the same
 * answer), so a client cannot put words in the bot's mouth. A follow-up is answered on its own
 * words here, without the conversation before it.
 */
public final class StoreServices implements FeedbackSink, EscalationSink, StoreMetrics, ReadinessCheck, AnswerListener {
    private static final Logger log = LoggerFactory.getLogger(StoreServices.class);
    /** Age bands of open tickets on /metrics: a small fixed set, as a label must be. */
    static final List<String> AGE_BANDS = List.of("under_1h", "1h_to_1d", "1d_to_7d", "over_7d");

    private final PolicyBot bot;
    private final Escalations store;
    private final AnswerLog answerLog;
    private final RoutingTable routing;
    private final Clock clock;

    public StoreServices(PolicyBot bot, Escalations store, AnswerLog answerLog, RoutingTable routing, Clock clock) {
        this.bot = bot;
        this.store = store;
        this.answerLog = answerLog;
        this.routing = routing;
        this.clock = clock;
    }

    /** These services on top of the given ones (the console and the background work are added by the caller). */
    public WebServices into(WebServices services) {
        return services.withFeedback(this).withEscalations(this).withStoreMetrics(this)
                .withReadinessCheck("store", this).withAnswerListener(this);
    }

    @Override
    public Receipt record(Feedback feedback) {
        Question question = new Question(feedback.questionId(), feedback.question(), feedback.user(), feedback.channel(), null);
        Answer answer = bot.answer(question);
        long id;
        try {
            id = store.review().feedback(question, answer, feedback.helpful(), feedback.comment());
        } catch (RuntimeException e) {
            log.error("could not record feedback on question {}", feedback.questionId(), e);
            throw new NotAvailable("Your feedback could not be recorded just now (the store is not available). "
                    + "Nothing was saved: please try again later.");
        }
        return new Receipt("F-" + id, feedback.helpful()
                ? "Thank you: your feedback was recorded."
                : "Thank you: your feedback was recorded, and the policy team will review this question.");
    }

    @Override
    public Receipt escalate(EscalationRequest request) {
        Question question = new Question(request.questionId(), request.question(), request.user(), request.channel(), null);
        Answer answer = bot.answer(question);
        String team = answer.route() != null ? answer.route()
                : request.suggestedTeam() != null && routing.team(request.suggestedTeam()).isPresent()
                ? request.suggestedTeam() : Escalation.DEFAULT_TEAM;
        String words = request.details() == null ? request.question()
                : request.question() + "\n\nDetails from the requester: " + request.details();
        Ticket ticket;
        try {
            // the requester is the contact they gave: the team replies there (the web chat cannot be reached later)
            ticket = store.tickets().open(new Escalation(request.contact(), request.channel(), null, words, team,
                    answer.text(), answer.citations(), answer.policyVersion(), null));
        } catch (RuntimeException e) {
            log.error("could not open a ticket for question {}", request.questionId(), e);
            Team t = routing.team(team).orElse(null);
            throw new NotAvailable("Your request could not be recorded just now (the ticket store is not available). "
                    + "No ticket was created: please try again later"
                    + (t == null ? "." : ", or contact " + t.name() + emails(t, " at ") + "."));
        }
        // only now, with the ticket committed, is the person given its number
        Team t = routing.require(ticket.team());
        return new Receipt(ticket.reference(), "Your question is now ticket " + ticket.reference() + " for the " + t.name()
                + ". They will contact you at " + request.contact() + "." + emails(t, " You can also write to them at ")
                + (emails(t, "").isEmpty() ? "" : ", quoting " + ticket.reference() + "."));
    }

    private static String emails(Team team, String before) {
        List<String> addresses = team.destinations(DestinationType.EMAIL).stream().map(Destination::address).toList();
        return addresses.isEmpty() ? "" : before + String.join(" or ", addresses);
    }

    @Override
    public void answered(String channel, Question question, Answer answer) {
        answerLog.count(channel, answer.kind());
        if (store.review().reasonFor(answer).isPresent()) {
            store.review().record(question, answer);
        }
    }

    @Override
    public List<OpenTickets> openTickets() {
        Instant now = clock.instant();
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Team t : routing.teams()) {
            counts.put(t.key(), new long[AGE_BANDS.size()]);
        }
        for (Map.Entry<String, Instant> e : store.tickets().openedAtOfOpenTickets()) {
            counts.computeIfAbsent(e.getKey(), k -> new long[AGE_BANDS.size()])[band(Duration.between(e.getValue(), now))]++;
        }
        List<OpenTickets> rows = new ArrayList<>();
        counts.forEach((team, bands) -> {
            for (int i = 0; i < bands.length; i++) {
                rows.add(new OpenTickets(team, AGE_BANDS.get(i), bands[i]));
            }
        });
        return rows;
    }

    static int band(Duration age) {
        if (age.compareTo(Duration.ofHours(1)) < 0) {
            return 0;
        }
        if (age.compareTo(Duration.ofDays(1)) < 0) {
            return 1;
        }
        return age.compareTo(Duration.ofDays(7)) < 0 ? 2 : 3;
    }

    @Override
    public long outboxBacklog() {
        Map<OutboxStatus, Integer> c = new EnumMap<>(store.outbox().counts());
        return c.get(OutboxStatus.PENDING) + c.get(OutboxStatus.DELIVERING);
    }

    @Override
    public long outboxDeadLetters() {
        return store.outbox().counts().get(OutboxStatus.DEAD);
    }

    @Override
    public java.util.Optional<String> problem() {
        return store.database().problem();
    }

    /** The review queue's threshold, for the console. */
    ReviewQueue review() {
        return store.review();
    }
}
