package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

/**
 * Teams' activity parsing: any body posted to /api/messages with a good Bot Framework token (so
 * that it gets past authentication to the SDK's deserialisation, the mentions, the card's submitted
 * values and the conversation references) is answered with a status Teams understands, and never a
 * server error, a stack trace or a hang. The token names the fake Bot Connector's address, which
 * changes with every run: a corpus entry writes {@value #SERVICE_URL} where the activity's
 * {@code serviceUrl} goes, and the harness puts the real one in (a body whose serviceUrl is not the
 * token's is refused 401, as it must be). The test run replays the committed corpus (a message, a
 * channel mention, card submissions, task module fetch and submit, a conversation update, other
 * activity types and broken variants);
 * {@code JAZZER_FUZZ=1 ./mvnw -pl adapters -am test -Dtest=TeamsActivityFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * fuzzes for longer.
 */
class TeamsActivityFuzzTest {
    static final String SERVICE_URL = "SERVICE_URL";
    /**
     * 200 (a message, an update, an invoke answered), 400 (not an activity), 401 (a serviceUrl or
     * channel the token does not cover), 413 (too large). 429 and 503 never: nothing here floods.
     */
    static final Set<Integer> ANSWERS = Set.of(200, 400, 401, 413);
    /** A turn is a few milliseconds of the core and a call to the local fake; far less than Teams' 15 s. */
    static final Duration BOUND = Duration.ofSeconds(10);
    private static TeamsFixture fixture;
    private static String token;

    private static synchronized TeamsFixture fixture() throws Exception {
        if (fixture == null) {
            var dir = Files.createTempDirectory("teams-fuzz");
            dir.toFile().deleteOnExit();
            fixture = new TeamsFixture(dir);
            // a token an hour long: signed once, not once per input
            token = fixture.token();
            TeamsFixture f = fixture;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    f.close();
                } catch (Exception e) {
                    // the JVM is going away
                }
            }));
        }
        return fixture;
    }

    @FuzzTest(maxDuration = "30s")
    void anyAuthenticatedActivityIsAnsweredWithoutAnError(FuzzedDataProvider data) throws Exception {
        // the input's bytes as they are, as UTF-8 (a String parameter would be read through Jazzer's
        // own length-prefixed format, and a corpus of plain JSON files would not reach the parser)
        String body = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        TeamsFixture f = fixture();
        String activity = body.replace(SERVICE_URL, f.serviceUrl());
        long start = System.nanoTime();
        HttpResponse<String> r = f.post(activity, token);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(ANSWERS.contains(r.statusCode()), r.statusCode() + " " + r.body() + " for " + activity);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at com.")
                || r.body().contains("at policybot."), r.body());
        assertTrue(took.compareTo(BOUND) < 0, "answered in " + took + " for " + activity);
    }
}
