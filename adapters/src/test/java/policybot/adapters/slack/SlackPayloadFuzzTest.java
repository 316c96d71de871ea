package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's payload parsing: any body, correctly signed (so that it gets past the signature check
 * to Bolt and the handlers), as JSON or as a form, is answered with a status Slack understands and
 * never a server error, a stack trace or a hang. The test run replays the committed corpus
 * (events, a command, interactions, a form submission, and broken variants);
 * {@code JAZZER_FUZZ=1 ./mvnw -pl adapters -am test -Dtest=SlackPayloadFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for longer.
 */
class SlackPayloadFuzzTest {
    /** 401 only for a body the fuzzer repeats within a second (the replay guard); 503 never: Slack is up. */
    static final Set<Integer> ANSWERS = Set.of(200, 400, 401, 404, 413);
    private static final AtomicLong CALLS = new AtomicLong();
    private static SlackFixture fixture;

    private static synchronized SlackFixture fixture() throws Exception {
        if (fixture == null) {
            var dir = Files.createTempDirectory("slack-fuzz");
            dir.toFile().deleteOnExit();
            fixture = new SlackFixture(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::close));
        }
        return fixture;
    }

    @FuzzTest(maxDuration = "30s")
    void anySignedBodyIsAnsweredWithoutAnError(FuzzedDataProvider data) throws Exception {
        String type = switch (data.consumeInt(0, 2)) {
            case 0 -> "application/json";
            case 1 -> "application/x-www-form-urlencoded";
            default -> "text/plain";
        };
        String body = data.consumeRemainingAsString();
        // a different timestamp per call (all within Slack's five minutes), so a repeated body is not a replay
        long timestamp = Instant.now().getEpochSecond() - CALLS.incrementAndGet() % 240;
        HttpResponse<String> r = fixture().client.post(type, body, timestamp);
        assertTrue(ANSWERS.contains(r.statusCode()), r.statusCode() + " " + r.body() + " for " + type + " " + body);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        fixture().idle();
    }
}
