package policybot.adapters.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;

/**
 * Any line on the JSONL stream gets exactly one JSON line back: an answer or {"id", "error"}.
 * The test run replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes for longer.
 */
class JsonlFuzzTest {
    private static final PolicyBot BOT = BotFactory.bundled();
    private static final JsonlSession SESSION = new JsonlSession(BOT, (q, a) -> { });
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void anyLineGetsOneJsonLine(FuzzedDataProvider data) throws Exception {
        // The input's bytes as they are, as UTF-8: a String parameter is read through Jazzer's own
        // length-prefixed format, so the corpus's JSON lines reached the reader cut at the front
        // (none of them was valid JSON there) and at 1000 characters.
        String line = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        String out = SESSION.handle(new BoundedLineReader.Line(line.replace("\n", " "), false));
        assertFalse(out.contains("\n"), "one line out");
        JsonNode node = JSON.readTree(out);
        assertTrue(node.isObject() && node.has("id") && (node.has("error") || node.has("kind")), out);
    }
}
