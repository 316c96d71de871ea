package policybot.adapters.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;

class JsonlSessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PolicyBot bot;

    @BeforeAll
    static void bot() {
        bot = BotFactory.bundled();
    }

    private static List<String> run(String input, List<Question> recorded) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Answer> answers = new ArrayList<>();
        new JsonlSession(bot, (q, a) -> {
            recorded.add(q);
            answers.add(a);
        }).run(new StringReader(input), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.isEmpty() || out.endsWith("\n"), "every line ends with a newline");
        return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
    }

    @Test
    void badLinesGetAnErrorLineAndTheStreamGoesOn() throws Exception {
        String huge = "x".repeat(1_100_000);
        String input = String.join("\n",
                "{\"id\": \"a\", \"text\": \"can I paste student marks into ChatGPT?\"}",
                "this is not json",
                "{\"id\": \"b\"}",
                "{\"id\": \"c\", \"text\": \"" + "y".repeat(5000) + "\"}",
                "{\"id\": \"d\", \"text\": \"" + huge + "\"}",
                "{\"id\": \"e\", \"text\": \"bell \\u0007 ring\"}",
                "[1, 2, 3]",
                "",
                "{\"id\": 7, \"text\": \"who approves exceptions?\", \"extra\": {\"ignored\": true}}",
                "{\"id\": \"f\", \"text\": 42}") + "\n";
        List<Question> recorded = new ArrayList<>();
        List<String> lines = run(input, recorded);
        assertEquals(10, lines.size(), String.join("\n", lines));
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(JSON.readTree(l));
        }
        assertEquals("answer", out.get(0).get("kind").asText());
        assertEquals("a", out.get(0).get("id").asText());
        assertTrue(out.get(1).get("id").isNull());
        assertTrue(out.get(1).get("error").asText().contains("not JSON"));
        assertEquals("b", out.get(2).get("id").asText());
        assertTrue(out.get(2).get("error").asText().contains("text"));
        assertTrue(out.get(3).get("error").asText().contains("limit"), out.get(3).toString());
        assertTrue(out.get(4).has("error"), "a line over the reader's limit is refused");
        assertTrue(out.get(5).get("error").asText().contains("control character"));
        assertTrue(out.get(6).get("error").asText().contains("object"));
        assertTrue(out.get(7).has("error"), "an empty line is answered, so lines stay aligned");
        assertEquals("7", out.get(8).get("id").asText());
        assertEquals("answer", out.get(8).get("kind").asText());
        assertTrue(out.get(9).has("error"));
        assertEquals(2, recorded.size(), "only answered questions reach the recorder");
        for (String l : lines) {
            assertFalse(l.contains("java.") || l.contains("Exception:") || l.contains("\\tat "),
                    "no stack trace in the output: " + l);
        }
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        String input = "{\"id\":\"1\",\"text\":\"what counts as confidential information?\"}\n"
                + "{\"id\":\"2\",\"text\":\"hi\"}\n{\"id\":\"3\",\"text\":\"where can I park?\"}\n";
        assertEquals(run(input, new ArrayList<>()), run(input, new ArrayList<>()));
    }

    @Test
    void aConversationIdLinksAFollowUpToTheQuestionBeforeIt() throws Exception {
        String input = "{\"id\":\"1\",\"text\":\"can I upload applicants' CVs to Claude?\",\"conversation\":\"k\"}\n"
                + "{\"id\":\"2\",\"text\":\"what about Gemini?\",\"conversation\":\"k\"}\n";
        List<String> lines = run(input, new ArrayList<>());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("not_allowed", second.get("verdict").asText(), lines.get(1));
    }

    @Test
    void windowsLineEndingsAndAMissingFinalNewlineAreRead() throws Exception {
        List<String> lines = run("{\"id\":\"1\",\"text\":\"hello\"}\r\n{\"id\":\"2\",\"text\":\"thanks\"}", new ArrayList<>());
        assertEquals(2, lines.size());
        assertEquals("help", JSON.readTree(lines.get(1)).get("kind").asText());
    }
}
