package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.AtMostEvery;
import policybot.bot.answer.AnswerJson;

/**
 * {@code POST /api/messages}: every activity Teams sends the bot. The JWT is checked before
 * anything else is done with the request (401 and nothing else otherwise); then the SDK's adapter
 * runs the turn (the replies go to the activity's service URL) and answers an invoke with its
 * response body. The turn runs on {@link Turns}, a bounded pool: when it is full the activity is
 * refused with 503 and Retry-After rather than waiting without bound.
 */
final class TeamsEndpoint {
    private static final Logger log = LoggerFactory.getLogger(TeamsEndpoint.class);
    static final String PATH = "/api/messages";
    /** A Teams activity is a few kilobytes; a form submitted from a card at most about 20. */
    static final int MAX_ACTIVITY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotFrameworkAuth auth;
    private final TeamsAdapter adapter;
    private final PolicyTeamsBot bot;
    private final Turns turns;
    /** "The turns are busy" is logged once every ten seconds, with a count, however many are refused. */
    private final AtMostEvery busyLogged = new AtMostEvery(java.time.Duration.ofSeconds(10));

    TeamsEndpoint(BotFrameworkAuth auth, TeamsAdapter adapter, PolicyTeamsBot bot, Turns turns) {
        this.auth = auth;
        this.adapter = adapter;
        this.bot = bot;
        this.turns = turns;
    }

    void handle(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            refuse(ctx, "no Authorization header");
            return;
        }
        byte[] body;
        try {
            body = ctx.req().getInputStream().readNBytes(MAX_ACTIVITY_BYTES + 1);
        } catch (IOException e) {
            reply(ctx, 400, "the request body could not be read");
            return;
        }
        if (body.length > MAX_ACTIVITY_BYTES) {
            reply(ctx, 413, "the activity is larger than " + MAX_ACTIVITY_BYTES + " bytes");
            return;
        }
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        String channelId = tree != null && tree.path("channelId").isTextual() ? tree.path("channelId").asText() : null;
        String serviceUrl = tree != null && tree.path("serviceUrl").isTextual() ? tree.path("serviceUrl").asText() : null;
        ClaimsIdentity identity;
        try {
            identity = auth.authenticate(authorization, channelId, serviceUrl);
        } catch (BotFrameworkAuth.Unauthorized e) {
            refuse(ctx, e.getMessage());
            return;
        }
        if (tree == null || !tree.isObject() || !tree.path("type").isTextual()) {
            reply(ctx, 400, "the body is not an activity");
            return;
        }
        Activity activity;
        try {
            activity = Serialization.treeToValue(tree, Activity.class);
        } catch (RuntimeException e) {
            reply(ctx, 400, "the body is not an activity");
            return;
        }
        if (activity == null) {
            reply(ctx, 400, "the body is not an activity");
            return;
        }
        // The Bot Framework puts both on every activity; the replies and the conversation keys need
        // them, and without them the SDK's pipeline fails deep inside the turn (a 500, found by fuzzing).
        if (activity.getConversation() == null || blank(activity.getConversation().getId())) {
            reply(ctx, 400, "the activity has no conversation id");
            return;
        }
        // The SDK sends it back in an HTTP header (x-ms-conversation-id), where only printable
        // ASCII may go; Teams' ids are ASCII. Anything else failed in the reply (a 500, found by fuzzing).
        if (!activity.getConversation().getId().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            reply(ctx, 400, "the activity's conversation id is not one Teams gives");
            return;
        }
        if (activity.getFrom() == null || blank(activity.getFrom().getId())) {
            reply(ctx, 400, "the activity has no sender (from.id)");
            return;
        }
        // The SDK's pipeline sets the JVM's default locale from every activity's locale
        // (BotAdapter.runPipeline): one Turkish user would change how the whole process lower-cases
        // text. The bot answers in the policy's own words whatever the locale, so it is dropped.
        activity.setLocale(null);
        Future<InvokeResponse> turn;
        try {
            turn = turns.submit(() -> adapter.processActivity(identity, activity, bot::onTurn).join());
        } catch (RejectedExecutionException busy) {
            // a flood refuses hundreds a second: one line every ten seconds says it, thousands would bury the log
            if (busyLogged.now()) {
                log.warn("the Teams turns are busy ({} running, {} waiting): a {} activity is refused with 503 "
                        + "({} refused so far)", turns.getActiveCount(), turns.getQueue().size(), activity.getType(),
                        turns.rejected());
            }
            ctx.header("Retry-After", "1");
            reply(ctx, 503, "the bot is busy: send the activity again in a moment");
            return;
        }
        InvokeResponse response;
        try {
            response = turn.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            log.error("a Teams {} activity failed", activity.getType(), cause);
            reply(ctx, 500, "the bot could not handle this activity (an internal error, logged)");
            return;
        } catch (InterruptedException e) {
            // the server is stopping: the turn goes on, but this request is not waited for
            Thread.currentThread().interrupt();
            ctx.header("Retry-After", "1");
            reply(ctx, 503, "the bot is stopping: send the activity again in a moment");
            return;
        }
        if (response == null) {
            ctx.status(200);
            return;
        }
        // The SDK answers an invoke it has no handler for with 501, and one whose handler threw with
        // 500 and the exception's message as the body: neither goes to Teams as it is.
        if (response.getStatus() == HttpURLConnection.HTTP_NOT_IMPLEMENTED) {
            log.info("a Teams invoke activity the bot does not handle: {}", logged(activity.getName()));
            reply(ctx, 400, "the bot does not handle this kind of invoke activity");
            return;
        }
        if (response.getStatus() >= 500) {
            log.error("a Teams invoke activity {} failed: {}", logged(activity.getName()), response.getBody());
            reply(ctx, 500, "the bot could not handle this activity (an internal error, logged)");
            return;
        }
        String json = response.getBody() == null ? "" : Serialization.toStringSilent(response.getBody());
        ctx.status(response.getStatus()).contentType("application/json; charset=utf-8").result(json == null ? "" : json);
    }

    /** An invoke's name is the sender's text: cut short and kept to one line in the log. */
    private static String logged(String name) {
        return name == null ? "(no name)" : name.substring(0, Math.min(80, name.length())).replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void refuse(Context ctx, String why) {
        log.warn("refused a request to {}: {}", PATH, why);
        ctx.header("WWW-Authenticate", "Bearer");
        reply(ctx, 401, "the request is not authenticated by the Bot Framework");
    }

    private static void reply(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(AnswerJson.error(null, message));
    }
}
