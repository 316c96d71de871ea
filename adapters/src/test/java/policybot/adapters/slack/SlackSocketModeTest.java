package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an app token the bot connects out over Socket Mode (Slack's end is a local WebSocket
 * server) and serves no Slack route over HTTP; without one it takes HTTP.
 */
class SlackSocketModeTest {
    @TempDir
    Path dir;

    @Test
    void theModeFollowsTheEnvironment() {
        Map<String, String> http = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s");
        assertEquals(SlackSettings.Mode.HTTP, SlackSettings.fromEnvironment(http).orElseThrow().mode());
        Map<String, String> socket = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "SLACK_APP_TOKEN", "xapp-1");
        assertEquals(SlackSettings.Mode.SOCKET_MODE, SlackSettings.fromEnvironment(socket).orElseThrow().mode());
        Map<String, String> blankApp = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "SLACK_APP_TOKEN", " ");
        assertEquals(SlackSettings.Mode.HTTP, SlackSettings.fromEnvironment(blankApp).orElseThrow().mode());
    }

    @Test
    void socketModeConnectsOutAnswersAnEnvelopeAndServesNoHttpRoute() throws Exception {
        List<String> fromBot = new CopyOnWriteArrayList<>();
        String event = SlackFixture.mention("EvSock", "C1", "1700000000.000700", null,
                "<@UBOT> can I paste student marks into ChatGPT?");
        ObjectNode envelope = SlackFixture.JSON.createObjectNode();
        envelope.put("envelope_id", "env-1");
        envelope.set("payload", SlackFixture.JSON.readTree(event));
        envelope.put("type", "events_api");
        envelope.put("accepts_response_payload", false);
        envelope.put("retry_attempt", 0);
        envelope.put("retry_reason", "");
        try (SlackFixture f = new SlackFixture(dir, Optional.of("xapp-test-token")) {
            @Override
            void beforeStart(FakeSlack slack) {
                slack.socketMode(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket ws, Response response) {
                        ws.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"local\"},"
                                + "\"connection_info\":{\"app_id\":\"A1\"}}");
                        ws.send(envelope.toString());
                    }

                    @Override
                    public void onMessage(WebSocket ws, String text) {
                        fromBot.add(text);
                    }

                    @Override
                    public void onClosing(WebSocket ws, int code, String reason) {
                        ws.close(1000, null);
                    }
                });
            }
        }) {
            FakeSlack.Call opened = f.slack.await("apps.connections.open", 1);
            assertEquals("Bearer xapp-test-token", opened.authorization(), "the app-level token opens the socket");
            FakeSlack.Call post = f.slack.await("chat.postMessage", 1);
            assertEquals("C1", post.param("channel"));
            assertEquals("1700000000.000700", post.param("thread_ts"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (fromBot.stream().noneMatch(m -> m.contains("env-1")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(fromBot.stream().anyMatch(m -> m.contains("\"envelope_id\":\"env-1\"")),
                    "the envelope is acknowledged over the socket: " + fromBot);
            assertTrue(f.channel.socketConnected());
            // no public URL in this mode: nothing listens for Slack over HTTP
            assertEquals(404, f.client.event(event).statusCode());
        }
    }
}
