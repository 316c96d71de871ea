package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * deployment/teams/manifest.json and its icons keep to what Teams accepts of an app package
 * (manifest schema 1.16): the bot's scopes and commands, the length limits, the placeholders the
 * build fills in, and the icons' sizes and colours.
 */
class TeamsManifestTest {
    private static final Path DIR = Path.of("teams");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z.]+)}");
    private static final Map<String, String> VALUES = Map.of("teams.appId", "4f6c1a3e-8d2b-4c6a-9e1f-2b3c4d5e6f70",
            "teams.botId", "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "teams.version", "0.1.0",
            "teams.developerName", "Example University DTS", "teams.websiteUrl", "https://www.example.ac.uk/dts",
            "teams.privacyUrl", "https://www.example.ac.uk/privacy", "teams.termsUrl", "https://www.example.ac.uk/terms");

    private static JsonNode filled() throws IOException {
        String text = Files.readString(DIR.resolve("manifest.json"));
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(VALUES.get(m.group(1))));
        }
        m.appendTail(out);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void thePlaceholdersAreExactlyTheOnesTheBuildFillsIn() throws IOException {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(DIR.resolve("manifest.json")));
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(new TreeSet<>(VALUES.keySet()), found);
        String pom = Files.readString(Path.of("pom.xml"));
        for (String property : VALUES.keySet()) {
            assertTrue(pom.contains("<" + property + ">"), "deployment/pom.xml has a default for " + property);
        }
    }

    @Test
    void theBotIsInPersonalTeamAndGroupChatScopesWithCommands() throws IOException {
        JsonNode m = filled();
        assertTrue(Double.parseDouble(m.path("manifestVersion").asText()) >= 1.16);
        assertTrue(m.path("$schema").asText().contains("/v" + m.path("manifestVersion").asText() + "/"));
        assertEquals(VALUES.get("teams.appId"), m.path("id").asText());
        assertTrue(m.path("version").asText().matches("\\d+\\.\\d+\\.\\d+"));
        JsonNode bot = m.path("bots").get(0);
        assertEquals(VALUES.get("teams.botId"), bot.path("botId").asText());
        assertEquals(List.of("personal", "team", "groupChat"), strings(bot.path("scopes")));
        JsonNode commands = bot.path("commandLists").get(0).path("commands");
        assertEquals(List.of("personal", "team", "groupChat"), strings(bot.path("commandLists").get(0).path("scopes")));
        assertTrue(commands.size() >= 1 && commands.size() <= 10);
        assertEquals("help", commands.get(0).path("title").asText());
        for (JsonNode c : commands) {
            assertTrue(c.path("title").asText().length() <= 32, c.toString());
            assertTrue(c.path("description").asText().length() <= 128, c.toString());
        }
        assertTrue(m.path("name").path("short").asText().length() <= 30);
        assertTrue(m.path("name").path("full").asText().length() <= 100);
        assertTrue(m.path("description").path("short").asText().length() <= 80);
        assertTrue(m.path("description").path("full").asText().length() <= 4000);
        assertTrue(m.path("accentColor").asText().matches("#[0-9A-F]{6}"));
        for (String url : List.of("websiteUrl", "privacyUrl", "termsOfUseUrl")) {
            assertTrue(m.path("developer").path(url).asText().startsWith("https://"), url);
        }
    }

    @Test
    void theIconsAreTheSizesTeamsRequiresAndTheOutlineIsWhiteOnTransparent() throws IOException {
        JsonNode m = filled();
        BufferedImage color = ImageIO.read(DIR.resolve(m.path("icons").path("color").asText()).toFile());
        assertEquals(192, color.getWidth());
        assertEquals(192, color.getHeight());
        BufferedImage outline = ImageIO.read(DIR.resolve(m.path("icons").path("outline").asText()).toFile());
        assertEquals(32, outline.getWidth());
        assertEquals(32, outline.getHeight());
        int white = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                assertTrue(alpha == 0 || (argb & 0xFFFFFF) == 0xFFFFFF, "pixel " + x + "," + y + " is " + Integer.toHexString(argb));
                white += alpha == 0 ? 0 : 1;
            }
        }
        assertTrue(white > 100, "the outline draws something");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
