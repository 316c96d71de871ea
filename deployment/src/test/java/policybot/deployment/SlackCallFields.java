package policybot.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a call the bot makes to the fakes of Slack's Web API. */
final class SlackCallFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackCallFields() {
    }

    /**
     * A form's fields, or a JSON body's top-level fields (strings as they are, the rest as JSON): the
     * bot's answers are posted as JSON (PostMessage), its other calls, through the SDK, as a form.
     */
    static Map<String, String> of(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        if (body.startsWith("{")) {
            try {
                JSON.readTree(body).properties().forEach(e ->
                        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (IOException e) {
                throw new AssertionError("a JSON body that is not JSON: " + body, e);
            }
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
