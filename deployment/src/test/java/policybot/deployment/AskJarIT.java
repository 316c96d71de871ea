package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as the ask contract runs it: standard output holds answers and nothing else. */
class AskJarIT {
    @TempDir
    Path dir;

    @Test
    void askJsonlWritesOneJsonLineAQuestionAndNothingElse() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File jar = Path.of("target", "policybot.jar").toAbsolutePath().toFile();
        Path in = Files.writeString(dir.resolve("q.jsonl"), String.join("\n",
                "{\"id\":\"1\",\"text\":\"can I paste student marks into ChatGPT?\"}",
                "not json",
                "{\"id\":\"3\",\"text\":\"hello\"}",
                "{\"id\":\"4\"}") + "\n");
        long started = System.nanoTime();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "ask", "--jsonl", "--no-log")
                .directory(dir.toFile()).redirectInput(in.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertTrue(node.isObject() && node.has("id"), line);
        }
        assertEquals("not_allowed", json.readTree(lines.get(0)).get("verdict").asText());
        assertTrue(json.readTree(lines.get(1)).has("error"));
        assertEquals("help", json.readTree(lines.get(2)).get("kind").asText());
        assertTrue(json.readTree(lines.get(3)).has("error"));
        assertTrue(Files.list(dir).noneMatch(f -> f.getFileName().toString().equals("data")), "--no-log opens no store");
        System.out.printf("ask --jsonl: 4 lines in %d ms, JVM start included%n", (System.nanoTime() - started) / 1_000_000);
    }
}
