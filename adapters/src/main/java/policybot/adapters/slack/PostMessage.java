package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code chat.postMessage} for the bot's answers, as a plain call to the Web API read with one
 * shared JSON mapper. Why not the SDK's {@code MethodsClient}: it builds a new Gson for every
 * response it reads, and under a burst of Slack events that was a sixth of the server's processor
 * (docs/performance.md). The request carries the SDK's fields as a JSON body, which the Web API
 * takes for its write methods with the bot token as a bearer header (the SDK's form encoding
 * escaped every character of the blocks one at a time), and the outcomes are the SDK's: a status
 * other than 200 is a {@link SlackApiException} with the response, {@code ok: false} a response
 * carrying Slack's error, so {@link SlackCalls} sorts and retries them as before.
 */
final class PostMessage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(blocks == null ? 256 : blocks.length() + 512);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("channel", channel);
            if (threadTs != null) {
                g.writeStringField("thread_ts", threadTs);
            }
            if (text != null) {
                g.writeStringField("text", text);
            }
            if (blocks != null) {
                g.writeFieldName("blocks");
                g.writeRawValue(blocks); // already JSON, written by Blocks
                g.writeBooleanField("unfurl_links", false);
            }
            g.writeEndObject();
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(out.toByteArray(), JSON_UTF8)).build();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = response.body().bytes();
            if (response.code() != 200) {
                throw new SlackApiException(response, new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException notJson) {
                // what the SDK does with a body it cannot read: the call failed, and may pass if tried again
                throw new IOException("chat.postMessage answered 200 with a body that is not JSON", notJson);
            }
            ChatPostMessageResponse posted = new ChatPostMessageResponse();
            posted.setOk(json.path("ok").asBoolean(false));
            posted.setError(text(json, "error"));
            posted.setWarning(text(json, "warning"));
            posted.setChannel(text(json, "channel"));
            posted.setTs(text(json, "ts"));
            return posted;
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
