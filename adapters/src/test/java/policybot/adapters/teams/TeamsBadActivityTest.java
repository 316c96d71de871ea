package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authenticated activities that are not what Teams sends, found by {@link TeamsActivityFuzzTest}:
 * each was a 500 (or the SDK's 501), one with the exception's message as the body. Each is now a
 * 4xx, or for a task module without data the answer to an action no longer offered, and nothing
 * is sent to the connector for the ones refused.
 */
class TeamsBadActivityTest {
    @TempDir
    Path dir;
    TeamsFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private void refused(ObjectNode activity, String why) {
        HttpResponse<String> r = f.post(activity);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("{\"id\":null,\"error\":\"" + why + "\"}", r.body());
        assertEquals(List.of(), f.connectorRequests, "nothing is sent for a refused activity");
    }

    @Test
    void aMessageWithoutAConversationIdOrASenderIsRefused() {
        ObjectNode noConversation = f.personalMessage("m-1", "hello");
        noConversation.remove("conversation");
        refused(noConversation, "the activity has no conversation id");
        ObjectNode nullId = f.personalMessage("m-2", "hello");
        nullId.with("conversation").putNull("id");
        refused(nullId, "the activity has no conversation id");
        // found by the fuzzer: the SDK puts the id in a header of the reply, and okhttp refuses it there
        ObjectNode notAscii = f.activity("message", "m-5", "19:channel-dts@thread.tacv2;message\ufffdid=5", "channel");
        notAscii.put("text", "<at>PolicyBot</at> hello");
        refused(notAscii, "the activity's conversation id is not one Teams gives");
        ObjectNode newline = f.personalMessage("m-6", "hello");
        newline.with("conversation").put("id", "a:personal\r\nX-Injected: 1");
        refused(newline, "the activity's conversation id is not one Teams gives");
        ObjectNode noFrom = f.personalMessage("m-3", "hello");
        noFrom.remove("from");
        refused(noFrom, "the activity has no sender (from.id)");
        ObjectNode fromWithoutId = f.personalMessage("m-4", "hello");
        fromWithoutId.with("from").remove("id");
        refused(fromWithoutId, "the activity has no sender (from.id)");
    }

    @Test
    void anInvokeTheBotDoesNotHandleIsA400NotThe501OfTheSdk() {
        for (String name : new String[] {"adaptiveCard/action", "composeExtension/query", null}) {
            ObjectNode invoke = f.activity("invoke", "inv-1", "a:personal-chat-jo", "personal");
            if (name != null) {
                invoke.put("name", name);
            }
            // a value as Teams sends it, so that the SDK finds no fault of its own with it (it answers those 400 itself)
            ObjectNode value = invoke.putObject("value").put("commandId", "search").put("trigger", "manual");
            value.putObject("action").put("type", "Action.Execute").put("verb", "x").putObject("data");
            refused(invoke, "the bot does not handle this kind of invoke activity");
        }
    }

    @Test
    void aTaskModuleSubmitWithoutAValueIsAnActionNoLongerAvailableNotA500WithTheExceptionsMessage() {
        for (String name : new String[] {"task/submit", "task/fetch"}) {
            ObjectNode invoke = f.activity("invoke", "inv-" + name, "a:personal-chat-jo", "personal");
            invoke.put("name", name).putNull("value");
            HttpResponse<String> r = f.post(invoke);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"task\":{\"type\":\"message\",\"value\":\"This action is no longer available.\"}}", r.body());
            assertFalse(r.body().contains("Cannot invoke"));
        }
    }
}
