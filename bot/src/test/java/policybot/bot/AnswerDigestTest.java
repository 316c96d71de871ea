package policybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;
import policybot.bot.answer.Explanation;

/**
 * Answers are byte-identical across changes that are meant only to make the bot faster: every
 * question of the development, team and second to sixth sets is answered, and the digest of its JSON line (the
 * contract's bytes) and of its explanation (what {@code ask --explain} shows) must equal the digest
 * recorded in {@code src/test/resources/eval/answer-digests.txt}.
 *
 * <p>A change that is meant to change answers regenerates the file deliberately, and the diff
 * shows which questions it changed:
 * {@code ./mvnw -pl bot -am verify -Dtest=AnswerDigestTest -Dsurefire.failIfNoSpecifiedTests=false -Dpolicybot.answerDigests=write}.
 */
class AnswerDigestTest {
    static final String FILE = "eval/answer-digests.txt";
    static final List<String> SETS = List.of("/eval/dev.jsonl", "/eval/team-questions.jsonl", "/eval/second-set.jsonl",
            "/eval/third-set.jsonl", "/eval/fourth-set.jsonl", "/eval/fifth-set.jsonl", "/eval/sixth-set.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAnswerIsByteIdenticalToTheRecordedOne() throws IOException {
        Map<String, String> now = digests(BotFactory.bundled());
        if ("write".equals(System.getProperty("policybot.answerDigests"))) {
            StringBuilder out = new StringBuilder("# id, SHA-256 of AnswerJson.line (first 16 hex), of the explanation."
                    + " Regenerate only on purpose (see AnswerDigestTest).\n");
            now.forEach((id, d) -> out.append(id).append(' ').append(d).append('\n'));
            Files.writeString(Path.of("src/test/resources", FILE), out.toString(), StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> recorded = recorded();
        assertEquals(recorded.keySet(), now.keySet(), "the question sets changed: regenerate the digests on purpose");
        List<String> changed = new ArrayList<>();
        recorded.forEach((id, d) -> {
            if (!d.equals(now.get(id))) {
                changed.add(id + " (" + (d.substring(0, 16).equals(now.get(id).substring(0, 16)) ? "explanation" : "answer")
                        + ")");
            }
        });
        if (!changed.isEmpty()) {
            fail(changed.size() + " answers differ from the recorded ones: " + changed);
        }
    }

    @Test
    void theDigestsDependOnTheAnswersBytes() throws IOException {
        PolicyBot bot = TestBots.bundled();
        Answer a = bot.answer(Question.of("can I paste student marks into ChatGPT?"));
        // one character more in the text is another digest: the check is not blind to small changes
        Answer b = new Answer(a.id(), a.kind(), a.verdict(), a.route(), a.confidence(), a.text() + " ", a.citations(),
                a.policyVersion(), a.explanation());
        assertNotNull(a.explanation());
        org.junit.jupiter.api.Assertions.assertNotEquals(digest(a), digest(b));
        assertEquals(digest(a), digest(bot.answer(Question.of("can I paste student marks into ChatGPT?"))));
    }

    static Map<String, String> digests(PolicyBot bot) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String set : SETS) {
            try (BufferedReader r = reader(set)) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode q = JSON.readTree(line);
                    String id = q.path("id").asText();
                    out.put(id, digest(bot.answer(new Question(id, q.path("text").asText(), null, null, null))));
                }
            }
        }
        return out;
    }

    static String digest(Answer a) {
        Explanation e = a.explanation();
        // the corrections map's own order is not fixed across JVMs: sorted here
        String explanation = String.join("\n", List.of(new TreeMap<>(e.corrections()).toString(),
                String.join("|", e.concepts()), e.questionType(), e.intent(), String.valueOf(e.verdictRule()),
                String.join("|", e.ranking())));
        return sha(AnswerJson.line(a)) + " " + sha(explanation);
    }

    private static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> recorded() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader r = reader("/" + FILE)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                out.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return out;
    }

    private static BufferedReader reader(String resource) {
        InputStream in = AnswerDigestTest.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the test class path");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
