package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.adapters.web.QuestionLimits;

/**
 * Floods in Slack: a person over their rate is told once, only to them, to slow down, and their
 * extra messages are acknowledged but not answered; the bounded work queue behind the
 * acknowledgement refuses work (503, so Slack retries) instead of growing, and /metrics shows it.
 */
class SlackFloodTest {
    @TempDir
    Path dir;

    private static String scrape(SlackFixture f) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
    }

    @Test
    void aPersonOverTheirRateIsToldOnceToSlowDownAndOthersAreStillAnswered() throws Exception {
        try (SlackFixture f = new SlackFixture(dir)) {
            f.metrics.limit(new QuestionLimits(3, 0, System::nanoTime));
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> r = f.client.event(SlackFixture.mention("EvU1-" + i, "C1", "1700000000.00010" + i, null,
                        "<@UBOT> can I use ChatGPT for drafting emails? (" + i + ")"));
                assertEquals(200, r.statusCode(), "acknowledged either way, so Slack does not send it again");
            }
            f.client.event(SlackFixture.mention("EvU2-1", "C1", "1700000000.000200", null, "<@UBOT> hello", "U2"));
            f.idle();
            List<String> answeredThreads = new ArrayList<>();
            for (FakeSlack.Call c : f.slack.calls("chat.postMessage")) {
                answeredThreads.add(c.param("thread_ts"));
            }
            assertEquals(List.of("1700000000.000101", "1700000000.000102", "1700000000.000103", "1700000000.000200"),
                    answeredThreads.stream().sorted().toList(), "U1's first three and U2's question, nothing else");
            List<FakeSlack.Call> told = f.slack.calls("chat.postEphemeral");
            assertEquals(1, told.size(), "told once, not once per extra message");
            assertEquals("U1", told.get(0).param("user"));
            assertEquals("C1", told.get(0).param("channel"));
            assertEquals("1700000000.000104", told.get(0).param("thread_ts"), "where they asked");
            assertTrue(told.get(0).param("text").startsWith("You are asking questions faster than I can answer them well: "
                    + "please slow down and ask again in "), told.get(0).param("text"));

            // the command answers at once, only to them
            HttpResponse<String> command = f.client.command(SlackFixture.command("who approves exceptions?",
                    f.slack.responseUrl("cmd")));
            assertEquals(200, command.statusCode());
            assertEquals("ephemeral", f.client.json(command).path("response_type").asText());
            assertTrue(f.client.json(command).path("text").asText().contains("please slow down"), command.body());
            f.idle();
            assertEquals(0, f.slack.calls("response_url").size(), "the command's question was not answered");

            String s = scrape(f);
            assertEquals(3.0, value(s, "policybot_questions_refused_total{channel=\"slack\",limit=\"user\"}"));
            assertEquals(4.0, value(s, "policybot_questions_total{channel=\"slack\",kind=\"answer\"}")
                    + value(s, "policybot_questions_total{channel=\"slack\",kind=\"help\"}")
                    + value(s, "policybot_questions_total{channel=\"slack\",kind=\"no_answer\"}")
                    + value(s, "policybot_questions_total{channel=\"slack\",kind=\"escalation\"}"));
        }
    }

    @Test
    void aBusyChannelIsLimitedAsAWhole() throws Exception {
        try (SlackFixture f = new SlackFixture(dir)) {
            f.metrics.limit(new QuestionLimits(0, 2, System::nanoTime));
            for (int i = 1; i <= 3; i++) {
                f.client.event(SlackFixture.mention("EvC-" + i, "C7", "1700000001.00000" + i, null, "<@UBOT> hello", "U" + i));
            }
            // another channel is not held up
            f.client.event(SlackFixture.mention("EvC-9", "C8", "1700000001.000009", null, "<@UBOT> hello", "U3"));
            f.idle();
            assertEquals(3, f.slack.calls("chat.postMessage").size());
            FakeSlack.Call told = f.slack.calls("chat.postEphemeral").get(0);
            assertEquals("U3", told.param("user"));
            assertTrue(told.param("text").startsWith("Questions here are coming faster"), told.param("text"));
            assertEquals(1.0, value(scrape(f), "policybot_questions_refused_total{channel=\"slack\",limit=\"channel\"}"));
        }
    }

    @Test
    void aFullWorkQueueRefusesWorkWithA503AndMetricsShowItsDepthAndRefusals() throws Exception {
        // one worker, three places in the queue; the Web API holds each answer for a while
        try (SlackFixture f = new SlackFixture(dir, Optional.empty(), 1, 3)) {
            String idle = scrape(f);
            assertEquals(0.0, value(idle, "policybot_work_queue_depth{channel=\"slack\"}"));
            assertEquals(3.0, value(idle, "policybot_work_queue_capacity{channel=\"slack\"}"));
            assertEquals(0.0, value(idle, "policybot_work_rejected_total{channel=\"slack\"}"));
            f.client.event(SlackFixture.mention("EvW-0", "C1", "1700000002.000000", null, "<@UBOT> hello", "U0"));
            f.slack.await("auth.test", 1);
            for (int i = 0; i < 4; i++) {
                f.slack.answerNext("chat.postMessage", new MockResponse.Builder().code(200)
                        .addHeader("Content-Type", "application/json").headersDelay(2000, TimeUnit.MILLISECONDS)
                        .body("{\"ok\":true,\"ts\":\"1700009999.00000" + i + "\"}").build());
            }
            f.idle();
            List<Integer> statuses = new ArrayList<>();
            statuses.add(f.client.event(SlackFixture.mention("EvW-1", "C1", "1700000002.000001", null, "<@UBOT> hello",
                    "U1")).statusCode());
            // the one worker is now inside the Web API call (the fake has it and holds its answer)
            f.slack.await("chat.postMessage", 2);
            for (int i = 2; i <= 10; i++) {
                statuses.add(f.client.event(SlackFixture.mention("EvW-" + i, "C1", "1700000002.00000" + i, null,
                        "<@UBOT> hello", "U" + i)).statusCode());
            }
            String busy = scrape(f);
            // one being answered, three waiting, six refused: Slack sends those again later
            assertEquals(List.of(200, 200, 200, 200, 503, 503, 503, 503, 503, 503), statuses);
            assertEquals(3.0, value(busy, "policybot_work_queue_depth{channel=\"slack\"}"), "three waiting");
            assertEquals(1.0, value(busy, "policybot_work_active{channel=\"slack\"}"));
            assertEquals(6.0, value(busy, "policybot_work_rejected_total{channel=\"slack\"}"));
            f.idle();
            assertEquals(0.0, value(scrape(f), "policybot_work_queue_depth{channel=\"slack\"}"));
            assertEquals(5, f.slack.calls("chat.postMessage").size(), "every accepted message was answered");
            // Slack's retry of a refused event is taken once there is room
            assertEquals(200, f.client.event(SlackFixture.mention("EvW-10", "C1", "1700000002.000010", null,
                    "<@UBOT> hello", "U10"), "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error").statusCode());
            f.idle();
            assertEquals(6, f.slack.calls("chat.postMessage").size());
        }
    }
}
