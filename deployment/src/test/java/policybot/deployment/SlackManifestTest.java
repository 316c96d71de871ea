package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import policybot.adapters.slack.SlackChannel;

/** deployment/slack/manifest.yaml asks for what the adapter uses, and sends everything to its one route. */
class SlackManifestTest {
    @Test
    void theManifestMatchesTheAdapter() throws Exception {
        JsonNode m = new ObjectMapper(new YAMLFactory()).readTree(Path.of("slack", "manifest.yaml").toFile());
        assertEquals(List.of("app_mentions:read", "channels:history", "groups:history", "im:history", "chat:write", "commands"),
                strings(m.path("oauth_config").path("scopes").path("bot")));
        assertEquals(List.of("app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"),
                strings(m.path("settings").path("event_subscriptions").path("bot_events")));
        JsonNode command = m.path("features").path("slash_commands").get(0);
        assertEquals("/aipolicy", command.path("command").asText());
        for (String url : List.of(command.path("url").asText(),
                m.path("settings").path("event_subscriptions").path("request_url").asText(),
                m.path("settings").path("interactivity").path("request_url").asText())) {
            assertEquals("https://policybot.example.ac.uk" + SlackChannel.PATH, url);
        }
        assertFalse(m.path("settings").path("socket_mode_enabled").asBoolean(true), "HTTP mode by default");
        assertEquals(true, m.path("features").path("app_home").path("home_tab_enabled").asBoolean());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
