package policybot.adapters.web;

import io.javalin.http.Context;
import java.util.Optional;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;

/**
 * The JSON API: {@code POST /api/ask} (the ask contract over HTTP), {@code POST /api/feedback}
 * and {@code POST /api/escalations}. Each reads a bounded JSON body, checks it, and hands it to the
 * core or a sink; nothing here decides anything about the policy.
 */
final class Endpoints {
    static final String CHANNEL = "web";
    static final int MAX_ID = 200;
    static final int MAX_NAME = 200;
    static final int MAX_COMMENT = 2000;
    /** Conversation ids from the web are kept apart from other channels' (a Slack thread id, say). */
    static final String CONVERSATION_PREFIX = "web:";

    private final PolicyBot bot;
    private final WebMetrics metrics;
    private final WebServices services;
    private final int maxBody;

    Endpoints(PolicyBot bot, WebMetrics metrics, WebServices services, int maxBody) {
        this.bot = bot;
        this.metrics = metrics;
        this.services = services;
        this.maxBody = maxBody;
    }

    /** In: {"text", optional "id", "conversation", "user", "channel"}; out: the contract's answer line. */
    void ask(Context ctx) {
        JsonRequest body = JsonRequest.read(ctx, maxBody);
        String id = id(body);
        String text = body.text("text").orElseThrow(() -> ApiError.badRequest(id, "the request has no \"text\" string"));
        Question question = new Question(id, text, body.shortText("user", MAX_NAME, id).orElse(null),
                body.shortText("channel", MAX_NAME, id).orElse(CHANNEL), conversation(body, id));
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            throw ApiError.badRequest(id, problem.get());
        }
        admit(ctx, id, question.user());
        Answer answer = metrics.answer(bot, CHANNEL, question);
        json(ctx, 200, AnswerJson.line(answer));
    }

    /** In: {"question", "helpful": true|false, optional "id", "comment", "policy_version", "conversation", "user"}. */
    void feedback(Context ctx) {
        JsonRequest body = JsonRequest.read(ctx, maxBody);
        String id = id(body);
        String question = question(body, id);
        boolean helpful = body.bool("helpful").orElseThrow(() ->
                ApiError.badRequest(id, "the request needs \"helpful\": true or false"));
        Feedback feedback = new Feedback(id, question, helpful,
                body.shortText("comment", MAX_COMMENT, id).orElse(null),
                body.shortText("policy_version", 20, id).orElse(null), conversation(body, id),
                body.shortText("user", MAX_NAME, id).orElse(null), CHANNEL);
        admit(ctx, id, feedback.user());
        receipt(ctx, 201, services.feedback().record(feedback));
    }

    /** In: {"question", "contact", optional "details", "route", "id", "conversation", "user"}. */
    void escalate(Context ctx) {
        JsonRequest body = JsonRequest.read(ctx, maxBody);
        String id = id(body);
        String question = question(body, id);
        String contact = body.shortText("contact", MAX_NAME, id).orElseThrow(() -> ApiError.badRequest(id,
                "the request needs \"contact\": how the specialist can reach you (an e-mail address or phone number)"));
        Optional<String> route = body.shortText("route", 40, id);
        if (route.isPresent() && !route.get().matches("[a-z][a-z0-9-]*")) {
            throw ApiError.badRequest(id, "\"route\" must be a team key such as information-governance");
        }
        EscalationRequest request = new EscalationRequest(id, question, contact,
                body.shortText("details", MAX_COMMENT, id).orElse(null), route.orElse(null), conversation(body, id),
                body.shortText("user", MAX_NAME, id).orElse(null), CHANNEL);
        admit(ctx, id, request.user());
        receipt(ctx, 201, services.escalations().escalate(request));
    }

    /**
     * The flood guard: a person is the request's {@code user} (what the client says: a client that
     * gives none is limited only with the web chat as a whole, and by POLICYBOT_RATE_LIMIT per
     * address); the place is the web chat as a whole, which a client cannot choose.
     */
    private void admit(Context ctx, String id, String user) {
        metrics.admit(CHANNEL, user, CHANNEL).ifPresent(refusal -> {
            ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            throw new ApiError(429, id, refusal.message());
        });
    }

    static void json(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(json);
    }

    private static void receipt(Context ctx, int status, Receipt receipt) {
        var node = AnswerJson.mapper().createObjectNode();
        node.put("reference", receipt.reference());
        node.put("message", receipt.message());
        json(ctx, status, node.toString());
    }

    private static String id(JsonRequest body) {
        Optional<String> id = body.text("id");
        if (id.isPresent() && id.get().length() > MAX_ID) {
            throw ApiError.badRequest(null, "\"id\" is longer than " + MAX_ID + " characters");
        }
        return id.orElse(null);
    }

    private static String question(JsonRequest body, String id) {
        String text = body.text("question").orElseThrow(() ->
                ApiError.badRequest(id, "the request has no \"question\" string"));
        Optional<String> problem = Question.of(text).problem();
        if (problem.isPresent()) {
            throw ApiError.badRequest(id, problem.get());
        }
        return text;
    }

    private static String conversation(JsonRequest body, String id) {
        return body.shortText("conversation", MAX_ID, id).map(c -> CONVERSATION_PREFIX + c).orElse(null);
    }
}
