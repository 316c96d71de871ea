package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentOverridesTheFileAndSecretsAreMasked() throws Exception {
        Path file = Files.writeString(dir.resolve("policybot.properties"),
                "POLICYBOT_PORT=4000\nPOLICYBOT_ADMIN_TOKEN=file-secret-value\nPOLICYBOT_HOST=127.0.0.1\n");
        Configuration c = Configuration.load(Map.of(Configuration.FILE_VARIABLE, file.toString(), "POLICYBOT_PORT", "5000"));
        assertEquals("5000", c.values().get("POLICYBOT_PORT"));
        assertEquals("127.0.0.1", c.values().get("POLICYBOT_HOST"));
        String report = c.report();
        assertTrue(report.contains("POLICYBOT_PORT=5000    [environment]"), report);
        assertTrue(report.contains("POLICYBOT_HOST=127.0.0.1    [file]"), report);
        assertFalse(report.contains("file-secret-value"), "a secret is never printed");
        assertTrue(report.contains("POLICYBOT_ADMIN_TOKEN=****** (set)"), report);
        assertEquals(List.of(), c.problems());
    }

    @Test
    void eachWrongOrMissingRequiredSettingIsNamed() throws Exception {
        Map<String, String> bad = Map.of(
                "POLICYBOT_PORT", "eighty",
                "POLICYBOT_POLICY_POLL", "30 seconds",
                "POLICYBOT_LOG_FORMAT", "xml",
                "POLICYBOT_DB_URL", "jdbc:postgresql://db/policybot",
                "SLACK_BOT_TOKEN", "xoxb-1",
                "MICROSOFT_APP_ID", "app");
        List<String> problems = Configuration.load(bad).problems();
        for (String name : List.of("POLICYBOT_PORT", "POLICYBOT_POLICY_POLL", "POLICYBOT_LOG_FORMAT", "POLICYBOT_DB_USER",
                "SLACK_SIGNING_SECRET", "MICROSOFT_APP_PASSWORD")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(name)), name + " in " + problems);
        }
        Path file = Files.writeString(dir.resolve("bad.properties"), "POLICYBOT_PROT=3978\n");
        assertTrue(Configuration.load(Map.of(Configuration.FILE_VARIABLE, file.toString())).problems().stream()
                .anyMatch(p -> p.contains("unknown setting POLICYBOT_PROT")));
        assertTrue(Configuration.load(Map.of(Configuration.FILE_VARIABLE, dir.resolve("missing").toString())).problems()
                .stream().anyMatch(p -> p.contains("cannot be read")));
    }

    @Test
    void slackInSocketModeNeedsNoSigningSecret() {
        assertEquals(List.of(), Configuration.load(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1")).problems());
    }
}
