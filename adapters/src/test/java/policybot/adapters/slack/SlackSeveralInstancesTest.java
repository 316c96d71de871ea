package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.adapters.web.WebConfig;
import policybot.adapters.web.WebMetrics;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.Escalations;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.ClaimedKeys;
import policybot.bot.store.Database;
import policybot.bot.store.StoreClaimedKeys;
import policybot.bot.store.StoreConfig;
import policybot.bot.store.TestStore;

/**
 * Two servers with the Slack channel on one store (each with its own connection to it, as two
 * processes have) behind one fake Web API: what Slack delivers twice is answered once whichever
 * instance gets it, on SQLite and on PostgreSQL; and the same without the store's keys, to show
 * what they prevent.
 */
class SlackSeveralInstancesTest {
    static final String MARKS = SlackAnswersTest.MARKS;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeSlack slack;
    private StoreConfig config;

    /** One instance: its own connection to the store, its own Slack channel and server. */
    private record Instance(SlackChannel channel, WebServer server, SignedClient client) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }

        void idle() throws InterruptedException {
            assertTrue(channel.idle(Duration.ofSeconds(15)), "the Slack workers did not finish");
        }
    }

    private Instance instance(StoreConfig config, boolean sharedKeys) throws Exception {
        RoutingTable routing = SlackFixture.routing();
        Escalations store = Escalations.open(config, routing, new Escalations.Settings(ReviewQueue.DEFAULT_LOW_CONFIDENCE,
                TicketSettings.DEFAULT, TeamDestinations.from(routing)), Clock.systemUTC());
        SlackSettings settings = new SlackSettings("xoxb-test-token", SlackFixture.SECRET, java.util.Optional.empty(),
                slack.apiUrl(), 2, 50);
        ClaimedKeys.Source shared = sharedKeys ? StoreClaimedKeys.source(store.database(), Clock.systemUTC()) : null;
        SlackChannel channel = new SlackChannel(settings, SlackFixture.bot(), routing, () -> store, Clock.systemUTC(),
                SlackCalls.standard(), shared);
        WebServer server = new WebServer(WebConfig.local(), SlackFixture.bot(),
                WebServices.withoutStore().withChannel(channel), new WebMetrics()).start();
        Instance i = new Instance(channel, server, new SignedClient(server.port(), SlackFixture.SECRET));
        open.add(i);
        return i;
    }

    private List<Instance> two(TestStore kind, boolean sharedKeys) throws Exception {
        slack = new FakeSlack();
        open.add(slack);
        config = kind.config(dir);
        return List.of(instance(config, sharedKeys), instance(config, sharedKeys));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Slack's retry: the same body, signed afresh (another second), with X-Slack-Retry-Num. */
    private static HttpResponse<String> retry(Instance to, String event, int n) {
        // A retry is signed anew: later than the original, so it never repeats its signature.
        return to.client().post("application/json", event, Instant.now().getEpochSecond() + n,
                "X-Slack-Retry-Num", Integer.toString(n), "X-Slack-Retry-Reason", "http_timeout");
    }

    private void settle(List<Instance> instances) throws InterruptedException {
        for (Instance i : instances) {
            i.idle();
        }
        Thread.sleep(200);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anEventDeliveredToBothInstancesIsAnsweredOnce(TestStore kind) throws Exception {
        List<Instance> both = two(kind, true);
        String event = SlackFixture.mention("Ev1", "C1", "1700000000.000100", null, "<@UBOT> " + MARKS);
        assertEquals(200, both.get(0).client().event(event).statusCode());
        slack.await("chat.postMessage", 1);
        assertEquals(200, retry(both.get(1), event, 1).statusCode(), "acknowledged, so Slack stops retrying");
        assertEquals(200, retry(both.get(0), event, 2).statusCode());
        // the same mention as a message event (the bot reads the channel), to the other instance
        assertEquals(200, both.get(1).client().event(SlackFixture.message("Ev2", "C1", "channel", "1700000000.000100",
                null, "<@UBOT> " + MARKS, null)).statusCode());
        settle(both);
        assertEquals(1, slack.calls("chat.postMessage").size());

        // the very same signed request sent to both at once: one takes it, the other refuses a replay
        String second = SlackFixture.mention("Ev3", "C1", "1700000000.000300", null, "<@UBOT> " + MARKS);
        long now = Instant.now().getEpochSecond();
        List<CompletableFuture<HttpResponse<String>>> sent = both.stream()
                .map(i -> CompletableFuture.supplyAsync(() -> i.client().post("application/json", second, now)))
                .toList();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            statuses.add(f.get().statusCode());
        }
        statuses.sort(null);
        assertEquals(List.of(200, 401), statuses);
        settle(both);
        assertEquals(2, slack.calls("chat.postMessage").size());
        assertEquals("1700000000.000300", slack.calls("chat.postMessage").get(1).param("thread_ts"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aReplyInAThreadOneInstanceAnsweredIsAFollowUpOnTheOther(TestStore kind) throws Exception {
        List<Instance> both = two(kind, true);
        both.get(0).client().event(SlackFixture.mention("Ev1", "C1", "1700000000.000100", null,
                "<@UBOT> can I use ChatGPT to draft an email?"));
        slack.await("chat.postMessage", 1);
        both.get(0).idle();
        both.get(1).client().event(SlackFixture.message("Ev2", "C1", "channel", "1700000000.000200",
                "1700000000.000100", "what about Gemini?", null));
        FakeSlack.Call followUp = slack.await("chat.postMessage", 2);
        assertEquals("1700000000.000100", followUp.param("thread_ts"), "answered in the thread by the other instance");
    }

    /** When the store cannot say, each instance decides alone: answers go on, and it still answers its own retry once. */
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void whenTheStoresKeysFailEachInstanceStillTakesAnEventOnce(TestStore kind) throws Exception {
        List<Instance> both = two(kind, true);
        Database.open(config).inTransaction(c -> c.createStatement().executeUpdate("DROP TABLE claimed_keys"));
        String event = SlackFixture.mention("Ev1", "C1", "1700000000.000100", null, "<@UBOT> " + MARKS);
        assertEquals(200, both.get(0).client().event(event).statusCode());
        slack.await("chat.postMessage", 1);
        assertEquals(200, retry(both.get(0), event, 1).statusCode());
        settle(both);
        assertEquals(1, slack.calls("chat.postMessage").size());
    }

    /** Without the store's keys, the other instance answers Slack's retry again: what the keys are for. */
    @ParameterizedTest
    @EnumSource(TestStore.class)
    void withoutTheStoresKeysARetryToTheOtherInstanceIsAnsweredAgain(TestStore kind) throws Exception {
        List<Instance> both = two(kind, false);
        String event = SlackFixture.mention("Ev1", "C1", "1700000000.000100", null, "<@UBOT> " + MARKS);
        assertEquals(200, both.get(0).client().event(event).statusCode());
        slack.await("chat.postMessage", 1);
        assertEquals(200, retry(both.get(1), event, 1).statusCode());
        slack.await("chat.postMessage", 2);
        settle(both);
        assertEquals(2, slack.calls("chat.postMessage").size());
    }
}
