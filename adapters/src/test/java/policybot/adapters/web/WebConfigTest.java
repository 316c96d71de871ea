package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        WebConfig c = WebConfig.fromEnvironment(Map.of());
        assertEquals("0.0.0.0", c.host());
        assertEquals(3978, c.port());
        assertEquals(Optional.empty(), c.apiToken());
        assertEquals(Optional.empty(), c.metricsToken());
        assertEquals(16 * 1024, c.maxBodyBytes());
        assertEquals(Duration.ofSeconds(20), c.shutdownTimeout());
        assertEquals(0, c.rateLimit(), "no rate limit unless asked: behind a proxy every client shares one address");
    }

    @Test
    void readsTheEnvironment() {
        WebConfig c = WebConfig.fromEnvironment(Map.of("POLICYBOT_PORT", "8080", "POLICYBOT_HOST", "127.0.0.1",
                "POLICYBOT_API_TOKEN", "t", "POLICYBOT_METRICS_TOKEN", "m", "POLICYBOT_MAX_BODY_BYTES", "4096",
                "POLICYBOT_SHUTDOWN_SECONDS", "5", "POLICYBOT_RATE_LIMIT", "60"));
        assertEquals(new WebConfig("127.0.0.1", 8080, Optional.of("t"), Optional.of("m"), 4096, Duration.ofSeconds(5), 60), c);
    }

    @Test
    void aBlankTokenMeansNoToken() {
        assertEquals(Optional.empty(), WebConfig.fromEnvironment(Map.of("POLICYBOT_API_TOKEN", " ")).apiToken());
    }

    @Test
    void aBadPortSaysWhichVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebConfig.fromEnvironment(Map.of("POLICYBOT_PORT", "http")));
        assertTrue(e.getMessage().contains("POLICYBOT_PORT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WebConfig.fromEnvironment(Map.of("POLICYBOT_PORT", "70000")));
    }
}
