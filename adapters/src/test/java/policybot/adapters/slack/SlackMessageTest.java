package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the HTTP endpoint reads itself, and what it leaves to Bolt. */
class SlackMessageTest {

    private static Optional<SlackMessage> read(String body) throws IOException {
        return SlackMessage.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String callback(String event) {
        return "{\"token\":\"t\",\"team_id\":\"T1\",\"type\":\"event_callback\",\"event_id\":\"Ev42\",\"event_time\":1,"
                + "\"event\":" + event + "}";
    }

    @Test
    void aMentionAndAPlainMessageAreReadWithTheFieldsTheBotUses() throws IOException {
        assertEquals(Optional.of(new SlackMessage(SlackMessage.Kind.MENTION, "Ev42", "U1", null, "C1", null,
                        "1700000000.000100", "1700000000.000001", "<@UBOT> may I?")),
                read(callback("{\"type\":\"app_mention\",\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"1700000000.000100\","
                        + "\"thread_ts\":\"1700000000.000001\",\"text\":\"<@UBOT> may I?\",\"blocks\":[{\"type\":\"rich_text\"}]}")));
        assertEquals(Optional.of(new SlackMessage(SlackMessage.Kind.MESSAGE, "Ev42", null, "B9", "D1", "im",
                        "1700000000.000200", null, "hello")),
                read(callback("{\"type\":\"message\",\"bot_id\":\"B9\",\"channel\":\"D1\",\"channel_type\":\"im\","
                        + "\"ts\":\"1700000000.000200\",\"text\":\"hello\"}")));
    }

    @Test
    void everythingElseIsLeftToBolt() throws IOException {
        assertTrue(read(callback("{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C1\"}")).isEmpty(),
                "a message with a subtype (an edit, a deletion) is not a question");
        assertTrue(read(callback("{\"type\":\"app_home_opened\",\"user\":\"U1\"}")).isEmpty());
        assertTrue(read("{\"token\":\"x\",\"challenge\":\"c-1\",\"type\":\"url_verification\"}").isEmpty());
        assertTrue(read("payload=%7B%22type%22%3A%22block_actions%22%7D").isEmpty(), "an interaction is a form");
        assertTrue(read("command=%2Faipolicy&text=hi").isEmpty());
        assertTrue(read("").isEmpty());
        assertTrue(read("{\"type\":\"event_callback\"}").isEmpty(), "no event: Bolt says what is wrong with it");
    }

    @Test
    void aFieldOfTheWrongKindIsAbsentAndABodyThatIsNotOneJsonValueIsRefused() throws IOException {
        assertEquals(null, read(callback("{\"type\":\"app_mention\",\"user\":7,\"channel\":\"C1\",\"ts\":\"1\"}"))
                .orElseThrow().user());
        assertThrows(IOException.class, () -> read("{\"type\":\"event_callback\",\"event\":"));
        assertThrows(IOException.class, () -> read(callback("{\"type\":\"app_mention\"}") + "{}"));
        assertThrows(IOException.class, () -> read("{not json"));
    }
}
