package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import policybot.adapters.slack.SlackChannel;
import policybot.adapters.slack.SlackSettings;
import policybot.adapters.web.WebChannel;
import policybot.adapters.web.WebServices;

/** serve turns Slack on from the environment, and refuses a half-set Slack configuration before building anything. */
class SlackWiringTest {
    @Test
    void withoutSlacksVariablesThereIsNoSlackChannel() {
        WebServices s = Main.withChannels(WebServices.withoutStore(), Map.of(), () -> {
            throw new AssertionError("no bot needed");
        }, () -> {
            throw new AssertionError("no store needed");
        });
        assertEquals(List.of(), s.channels());
    }

    @Test
    void withTokenAndSecretSlackIsOnInTheModeTheAppTokenChooses() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s",
                "SLACK_API_URL", "http://127.0.0.1:9/api/");
        List<WebChannel> http = Main.withChannels(WebServices.withoutStore(), env, SlackWiringTestBot::get, () -> null)
                .channels();
        assertEquals(1, http.size());
        assertEquals("slack", http.get(0).name());
        assertEquals(SlackSettings.Mode.HTTP, ((SlackChannel) http.get(0)).mode());
        Map<String, String> socket = new java.util.HashMap<>(env);
        socket.put("SLACK_APP_TOKEN", "xapp-1");
        WebChannel s = Main.withChannels(WebServices.withoutStore(), socket, SlackWiringTestBot::get, () -> null)
                .channels().get(0);
        assertEquals(SlackSettings.Mode.SOCKET_MODE, ((SlackChannel) s).mode());
    }

    @Test
    void aHalfSetSlackConfigurationIsAUsageErrorNamingTheMissingVariable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-1");
            ServeCommand serve = new ServeCommand(() -> {
                throw new AssertionError("the bot is not built when the settings are wrong");
            }, () -> Main.withChannels(WebServices.withoutStore(), env, () -> null, () -> null), env,
                    new PrintStream(new ByteArrayOutputStream()), s -> { });
            assertEquals(2, new CommandLine(serve).execute("--port", "0"));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("SLACK_SIGNING_SECRET is not set"), err.toString());
    }

    /** One bot for the tests that need one. */
    static final class SlackWiringTestBot {
        private static policybot.bot.PolicyBot bot;

        static synchronized policybot.bot.PolicyBot get() {
            if (bot == null) {
                bot = policybot.bot.BotFactory.bundled();
            }
            return bot;
        }
    }
}
