package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code chat.postMessage} for the bot's answers, as a plain call to the Web API read with one
 * shared JSON mapper. Why not the SDK's {@code MethodsClient}: it builds a new Gson for every
 * response it reads, and under a burst of Slack events that was a sixth of the server's processor
 * (docs/performance.md). The request is the SDK's (the same form fields, the bot token as a bearer
 * header) and so are the outcomes: a status other than 200 is a {@link SlackApiException} with the
 * response, {@code ok: false} a response carrying Slack's error, so {@link SlackCalls} sorts and
 * retries them as before.
 */
final class PostMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String token;

    /** @param http a client with the SDK's settings ({@code SlackHttpClient.buildOkHttpClient}) */
    PostMessage(SlackSettings settings, OkHttpClient http) {
        this.http = http;
        this.url = HttpUrl.get(settings.apiUrl() + "chat.postMessage");
        this.token = settings.botToken();
    }

    /**
     * Posts a message.
     *
     * @param threadTs the thread it answers in; null for none
     * @param blocks   Block Kit blocks as JSON; null for text only (then links are unfurled as Slack likes)
     */
    ChatPostMessageResponse post(String channel, String threadTs, String text, String blocks)
            throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel", channel);
        if (threadTs != null) {
            form.add("thread_ts", threadTs);
        }
        if (text != null) {
            form.add("text", text);
        }
        if (blocks != null) {
            form.add("blocks", blocks).add("unfurl_links", "false");
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .post(form.build()).build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new SlackApiException(response, body);
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException notJson) {
                // what the SDK does with a body it cannot read: the call failed, and may pass if tried again
                throw new IOException("chat.postMessage answered 200 with a body that is not JSON", notJson);
            }
            ChatPostMessageResponse out = new ChatPostMessageResponse();
            out.setOk(json.path("ok").asBoolean(false));
            out.setError(text(json, "error"));
            out.setWarning(text(json, "warning"));
            out.setChannel(text(json, "channel"));
            out.setTs(text(json, "ts"));
            return out;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Lets the client's threads and connections go (the server is stopping). */
    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
