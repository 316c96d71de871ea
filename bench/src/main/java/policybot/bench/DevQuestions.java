package policybot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import policybot.bot.Question;

/** The development questions (bot/src/test/resources/eval/dev.jsonl, packed into the benchmarks jar). */
public final class DevQuestions {
    static final String RESOURCE = "eval/dev.jsonl";

    private DevQuestions() {
    }

    public static List<Question> all() {
        List<Question> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = DevQuestions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode q = json.readTree(line);
                    out.add(new Question(q.path("id").asText(), q.path("text").asText(), null, null, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    public static List<String> texts() {
        return all().stream().map(Question::text).toList();
    }
}
